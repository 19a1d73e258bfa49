// One JSON-RPC 2.0 call to the ERP (health checks and inbound feeds), with a time limit and an
// answer size limit: a hung or hostile ERP costs a failed call, never a stuck server.
import { JSONRPCClient, JSONRPCErrorException } from 'json-rpc-2.0';
import { erpAuthorization } from './erp-access';

export interface ErpCaller {
  call<T>(method: string, params: unknown): Promise<T>;
}

export function createErpCaller(
  erpUrl: string,
  options: { timeoutMs?: number; maxAnswerBytes?: number } = {},
): ErpCaller {
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Stock snapshots of a large warehouse and snapshot pages of items are the biggest answers (a few MB).
  const maxAnswer = options.maxAnswerBytes ?? 32 * 1024 * 1024;
  const post = (body: string): Promise<Response> =>
    fetch(erpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...erpAuthorization() },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  const client = new JSONRPCClient(async (payload) => {
    const body = JSON.stringify(payload);
    // Reads only (feeds, snapshots, pings): a kept-alive connection the ERP closed just as it was
    // reused fails at once, and asking again on a fresh one is safe.
    const res = await post(body).catch((err: unknown) => {
      if (err instanceof Error && err.name === 'TimeoutError') throw err;
      return post(body);
    });
    if (!res.ok) throw new Error(`ERP answered HTTP ${res.status}`);
    const text = await readLimited(res, maxAnswer);
    client.receive(JSON.parse(text));
  });
  return {
    async call<T>(method: string, params: unknown): Promise<T> {
      try {
        return (await client.timeout(timeoutMs).request(method, params)) as T;
      } catch (err) {
        if (err instanceof JSONRPCErrorException)
          throw new Error(`ERP error ${err.code}: ${err.message}`, { cause: err });
        throw err;
      }
    },
  };
}

/** Whether a call failed because the ERP has no such method (JSON-RPC -32601). */
export function isMethodNotFound(err: unknown): boolean {
  return err instanceof Error && err.cause instanceof JSONRPCErrorException && err.cause.code === -32601;
}

/** The answer's text, read until it ends or passes the limit (then the read is cut: a 50 MB answer costs the limit, not 50 MB). */
export async function readLimited(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`ERP answer too large (over ${limit} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
