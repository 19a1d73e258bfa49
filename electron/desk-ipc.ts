// The Electron transport of the desk contract, main-process side: one `ipcMain.handle` per
// contract method. Every call is checked to come from our own top frame, then goes through
// the contract dispatch (zod-parsed input, Result out). Events go to the window's webContents.
import { methodNames, type EventName } from '../domain/contract';
import type { Dispatch } from '../domain/transport/dispatch';

export const methodChannel = (method: string): string => `desk:${method}`;
export const eventChannel = (event: string): string => `desk-event:${event}`;

export interface SenderFrame {
  url: string;
  parent: unknown;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: SenderFrame | null }, input: unknown) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** Our pages only: the bundled renderer (file://) or the dev server, and only the top frame. */
export function isTrustedSender(frame: SenderFrame | null, allowedOrigins: string[]): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') return allowedOrigins.includes('file://');
  return allowedOrigins.includes(url.origin);
}

export function registerDeskIpc(ipcMain: IpcMainLike, dispatch: Dispatch, allowedOrigins: string[]): () => void {
  for (const method of methodNames) {
    ipcMain.handle(methodChannel(method), async (event, input) => {
      if (!isTrustedSender(event.senderFrame, allowedOrigins))
        return { ok: false, error: { code: 'forbidden', message: 'Call from an untrusted frame' } };
      return dispatch(method, input);
    });
  }
  return () => methodNames.forEach((m) => ipcMain.removeHandler(methodChannel(m)));
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Forwards core events to a window; stops quietly once the window is gone. */
export function forwardDeskEvents(webContents: WebContentsLike): (event: EventName, payload: unknown) => void {
  return (event, payload) => {
    if (!webContents.isDestroyed()) webContents.send(eventChannel(event), payload);
  };
}
