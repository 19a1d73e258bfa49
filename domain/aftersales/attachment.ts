// Attachments of claims and ticket messages: what a reference to a file looks like in a synced
// row (the file itself travels separately, content-addressed by its sha-256), which kinds are
// accepted, the size limit, chunking for resumable uploads, and how a file name is made safe.
import sanitize from 'sanitize-filename';
import { z } from 'zod';

/** Accepted kinds, decided by the bytes (file-type), never by the name's extension. */
export const ATTACHMENT_KINDS = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'image/tiff': 'tif',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/x-cfb': 'doc', // legacy .doc/.xls: an OLE compound file
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/zip': 'zip',
  'text/plain': 'txt',
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_KINDS;
export const ATTACHMENT_MIMES = Object.keys(ATTACHMENT_KINDS) as AttachmentMime[];

export const isImage = (mime: string): boolean => mime.startsWith('image/');

/** Largest file accepted: photos from phones and scanned act books, with room to spare. */
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;
/** Upload chunk: an interrupted upload resends at most this much. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** Files on one claim or message. */
export const MAX_ATTACHMENTS = 20;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha-256 hex');

export const AttachmentRef = z
  .object({
    sha256: Sha256,
    name: z.string().min(1).max(200),
    mime: z.enum(ATTACHMENT_MIMES as [AttachmentMime, ...AttachmentMime[]]),
    size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
  })
  .strict();
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const chunkCount = (size: number): number => Math.max(1, Math.ceil(size / ATTACHMENT_CHUNK_BYTES));

/**
 * A name safe on every system the file may be saved to (sanitize-filename: no path, control or
 * reserved characters, no Windows device names), at most 110 characters before the extension,
 * and the extension of what the bytes are (a "photo.jpg" that is a PDF is saved as "photo.pdf").
 */
export function safeAttachmentName(name: string, mime: AttachmentMime): string {
  const cleaned = sanitize(name.split(/[\\/]/).pop() ?? '', { replacement: '_' })
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  const stem = (cleaned.includes('.') ? cleaned.slice(0, cleaned.lastIndexOf('.')) : cleaned).slice(0, 110).trim();
  const safeStem = /^[_.\s]*$/.test(stem) ? 'file' : stem;
  return `${safeStem}.${ATTACHMENT_KINDS[mime]}`;
}
