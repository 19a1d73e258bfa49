// One JSON-RPC 2.0 call to the ERP (health checks and inbound feeds), with a time limit and an
// answer size limit: a hung or hostile ERP costs a failed call, never a stuck server.
import { JSONRPCClient, JSONRPCErrorException } from 'json-rpc-2.0';

export interface ErpCaller {
  call<T>(method: string, params: unknown): Promise<T>;
}

export function createErpCaller(
  erpUrl: string,
  options: { timeoutMs?: number; maxAnswerBytes?: number } = {},
): ErpCaller {
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Stock snapshots of a large warehouse are the biggest answers (tens of thousands of rows).
  const maxAnswer = options.maxAnswerBytes ?? 64 * 1024 * 1024;
  const client = new JSONRPCClient(async (payload) => {
    const res = await fetch(erpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`ERP answered HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > maxAnswer) throw new Error('ERP answer too large');
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
