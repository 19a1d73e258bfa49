// When the desk sends its files: soon after each one is added, at every reconnect, and again with
// a growing pause (up to a minute) while the server cannot take them. Files that failed for a
// reason of their own wait for the user, not for the timer.
import type { DeskFiles } from './files';

export interface FileUploads {
  /** A file was added: send it soon. */
  added(): void;
  /** The server is reachable again. */
  online(): void;
  close(): void;
}

export function createFileUploads(files: DeskFiles): FileUploads {
  let timer: NodeJS.Timeout | null = null;
  let pause = 1000;
  let closed = false;
  function soon(ms: number): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (closed || files.pending().every((f) => f.lastError !== null)) return;
      files.uploadPending().then(
        () => {
          pause = 1000;
        },
        () => {
          pause = Math.min(pause * 2, 60_000);
          soon(pause);
        },
      );
    }, ms);
    timer.unref();
  }
  return {
    added: () => soon(50),
    online: () => soon(0),
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
