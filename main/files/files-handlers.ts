// Files' part of the contract: a file added for a claim or a message (checked by content, kept on
// the desk, sent when the server is reachable), read back, its thumbnail, those still to send.
import type { filesMethods, HandlersOf } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';

export function filesHandlers({ files, uploads }: DeskSession): HandlersOf<typeof filesMethods> {
  return {
    'files.add': async ({ name, base64 }) => {
      const ref = await files.add(name, Buffer.from(base64, 'base64'));
      uploads.added();
      return ref;
    },
    'files.get': async ({ sha256 }) => {
      const f = await files.read(sha256);
      return { name: f.name, mime: f.mime, base64: f.bytes.toString('base64') };
    },
    'files.thumbnail': ({ sha256 }) => files.thumbnail(sha256),
    'files.pending': () => files.pending(),
  };
}
