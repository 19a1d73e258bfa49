// What a file is, by its bytes: the desk checks it when a file is added, the server again when
// the last chunk arrives, so a renamed executable never becomes a "photo" on anyone's desk.
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_KINDS, type AttachmentMime } from './attachment';

export type FileKind = { ok: true; mime: AttachmentMime } | { ok: false; detected: string | null };

/** Plain text: valid UTF-8 without control characters other than tab and line breaks. */
function isPlainText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 64 * 1024);
  for (const b of head) if (b < 9 || (b > 13 && b < 32 && b !== 27) || b === 127) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      head.length < bytes.length ? head.subarray(0, lastCharBoundary(head)) : head,
    );
    return true;
  } catch {
    return false;
  }
}

/** Cut before a UTF-8 sequence the 64 KB sample may split. */
function lastCharBoundary(b: Uint8Array): number {
  let i = b.length;
  while (i > 0 && i > b.length - 4 && (b[i - 1]! & 0xc0) === 0x80) i--;
  return i > 0 && b[i - 1]! >= 0xc0 ? i - 1 : b.length;
}

export async function fileKind(bytes: Uint8Array): Promise<FileKind> {
  if (bytes.length === 0) return { ok: false, detected: 'empty' };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected)
    return detected.mime in ATTACHMENT_KINDS
      ? { ok: true, mime: detected.mime as AttachmentMime }
      : { ok: false, detected: detected.mime };
  return isPlainText(bytes) ? { ok: true, mime: 'text/plain' } : { ok: false, detected: null };
}
