// The desk contract, files of claims and messages: added (checked by content, kept on the desk,
// uploaded when online), read back, thumbnails, and those still to upload.
import { z } from 'zod';
import { AttachmentRef, MAX_ATTACHMENT_BYTES, Sha256 } from '../aftersales/attachment';
import { NoInput } from './shared';

export const filesMethods = {
  /** A file for a claim or message: checked by content and kept on this desk; uploaded when online. */
  'files.add': {
    input: z
      .object({ name: z.string().min(1).max(500), base64: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4) })
      .strict(),
    output: AttachmentRef,
  },
  'files.get': {
    input: z.object({ sha256: Sha256 }).strict(),
    output: z.object({ name: z.string(), mime: z.string(), base64: z.string() }),
  },
  'files.thumbnail': { input: z.object({ sha256: Sha256 }).strict(), output: z.string().nullable() },
  'files.pending': {
    input: NoInput,
    output: z.array(
      z.object({ sha256: z.string(), name: z.string(), size: z.number(), lastError: z.string().nullable() }),
    ),
  },
} as const;
