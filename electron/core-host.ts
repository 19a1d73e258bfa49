// Entry of the utility process that runs the `main/` core off the Electron main thread.
// It receives calls from the main process over parentPort and answers through the contract
// dispatch; core events are posted back the same way.
import { createDispatch } from '../domain/transport/dispatch';
import { createDeskCore } from '../main/desk-core';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const config = JSON.parse(process.env.OPTA_CORE_CONFIG ?? '{}') as {
  dataDir: string;
  serverUrl: string;
  locale: string;
  version: string;
};
const core = createDeskCore({ ...config, shell: 'electron' });
const dispatch = createDispatch(core.handlers, (err, method) => console.error(`desk method ${method} failed`, err));
core.subscribe((event, payload) => port.postMessage({ event, payload }));
port.on('message', ({ data }) => {
  const { id, method, input } = data as { id: number; method: string; input: unknown };
  void dispatch(method, input).then((result) => port.postMessage({ id, result }));
});
