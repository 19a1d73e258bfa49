// Entry of the utility process that runs the `main/` core off the Electron main thread.
// It receives calls from the main process over parentPort and answers through the contract
// dispatch; core events are posted back the same way. Its refresh token is sealed by the main
// process (core-bridge.ts) before the core stores it.
import { createDispatch } from '../domain/transport/dispatch';
import { createDeskCore } from '../main/desk-core';
import { osBox } from '../main/session/secret-box';

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
let nextSecret = 1;
const waiting = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
const askMain = (op: 'seal' | 'open', text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const secret = nextSecret++;
    waiting.set(secret, { resolve, reject });
    port.postMessage({ secret, op, text });
  });
const core = createDeskCore({
  ...config,
  shell: 'electron',
  secrets: osBox(
    (text) => askMain('seal', text),
    (text) => askMain('open', text),
  ),
});
const dispatch = createDispatch(core.handlers, (err, method) => console.error(`desk method ${method} failed`, err));
core.subscribe((event, payload) => port.postMessage({ event, payload }));
port.on('message', ({ data }) => {
  const answer = data as { secret?: number; value?: string; error?: string };
  if (typeof answer.secret === 'number') {
    const w = waiting.get(answer.secret);
    waiting.delete(answer.secret);
    if (answer.error !== undefined) w?.reject(new Error(answer.error));
    else w?.resolve(answer.value ?? '');
    return;
  }
  const { id, method, input } = data as { id: number; method: string; input: unknown };
  void dispatch(method, input).then((result) => port.postMessage({ id, result }));
});
