// The sandboxed preload: exposes `window.desk`, one function per contract method plus `on` for
// events, and nothing else (never raw ipcRenderer). Bundled to one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { deskEventNames as eventNames, deskMethodNames as methodNames } from '../domain/transport/contract-names';

const methodChannel = (method: string): string => `desk:${method}`;
const eventChannel = (event: string): string => `desk-event:${event}`;

const api: Record<string, unknown> = Object.fromEntries(
  methodNames.map((m) => [m, (input: unknown) => ipcRenderer.invoke(methodChannel(m), input)]),
);
api.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown desk event: ${event}`);
  const wrapped = (_e: unknown, payload: unknown): void => listener(payload);
  ipcRenderer.on(eventChannel(event), wrapped);
  return () => {
    ipcRenderer.removeListener(eventChannel(event), wrapped);
  };
};

contextBridge.exposeInMainWorld('desk', api);
