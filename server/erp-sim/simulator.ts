// The ERP simulator: a stand-in for 1C speaking the same JSON-RPC 2.0 methods, with a ledger of
// everything it received (so tests can check exactly-once) and faults injected at run time:
// down, slow, error rate, answers lost after the work was done.
import { createServer, type Server } from 'node:http';
import { JSONRPCErrorException, JSONRPCServer } from 'json-rpc-2.0';
import { ERP_WRITE_METHODS, ErpErrorCode, ErpWriteParams, type ErpWriteResult } from '../../domain/erp-protocol';

export interface ErpFaults {
  down: boolean;
  latencyMs: number;
  /** Share of requests answered with an internal error before doing anything. */
  errorRate: number;
  /** Share of write requests whose work is done but whose answer never arrives. */
  timeoutAfterCommitRate: number;
}

export interface LedgerEntry {
  idempotencyKey: string;
  method: string;
  aggregate: string;
  seq: number;
  /** How many times the request arrived (repeats are answered "already_done", without effect). */
  received: number;
  firstAt: number;
  erpId: string;
}

export interface ErpSimulator {
  url: string;
  port: number;
  faults: ErpFaults;
  ledger: Map<string, LedgerEntry>;
  /** Effects in the order the ERP applied them. */
  applied: LedgerEntry[];
  close(): Promise<void>;
}

export interface ErpSimulatorOptions {
  port?: number;
  host?: string;
  faults?: Partial<ErpFaults>;
  random?: () => number;
  /** Largest request body accepted. */
  maxBodyBytes?: number;
}

export async function startErpSimulator(options: ErpSimulatorOptions = {}): Promise<ErpSimulator> {
  const random = options.random ?? Math.random;
  const faults: ErpFaults = { down: false, latencyMs: 0, errorRate: 0, timeoutAfterCommitRate: 0, ...options.faults };
  const ledger = new Map<string, LedgerEntry>();
  const applied: LedgerEntry[] = [];
  let erpNumber = 100_000;
  // Per request: whether to drop the answer after the work (decided while handling the batch).
  // Errors are answers here (injected faults, refused documents), not something to log.
  const rpc = new JSONRPCServer<{ dropAnswer: { value: boolean } }>({ errorListener: () => undefined });

  rpc.addMethod('erp.ping', () => ({ ok: true, time: new Date().toISOString() }));
  for (const method of ERP_WRITE_METHODS) {
    rpc.addMethod(method, (raw, ctx): ErpWriteResult => {
      if (random() < faults.errorRate) throw new JSONRPCErrorException('Temporary failure', ErpErrorCode.busy);
      const parsed = ErpWriteParams.safeParse(raw);
      if (!parsed.success) throw new JSONRPCErrorException(`Invalid params: ${parsed.error.issues[0]?.message ?? ''}`, ErpErrorCode.invalidParams);
      const p = parsed.data;
      const seen = ledger.get(p.idempotencyKey);
      if (seen) {
        seen.received++;
        return { status: 'already_done', erpId: seen.erpId };
      }
      if (p.payload.reject === true) throw new JSONRPCErrorException('Документ отклонён: контрагент не найден', ErpErrorCode.rejected);
      const entry: LedgerEntry = { idempotencyKey: p.idempotencyKey, method, aggregate: p.aggregate, seq: p.seq, received: 1, firstAt: Date.now(), erpId: `ЗК-${++erpNumber}` };
      ledger.set(p.idempotencyKey, entry);
      applied.push(entry);
      if (random() < faults.timeoutAfterCommitRate) ctx.dropAnswer.value = true;
      return { status: 'done', erpId: entry.erpId };
    });
  }

  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const http: Server = createServer((req, res) => {
    if (req.url?.startsWith('/admin/faults') && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        try {
          Object.assign(faults, JSON.parse(body || '{}'));
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(faults));
        } catch {
          res.writeHead(400).end();
        }
      });
      return;
    }
    if (req.url === '/admin/ledger') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ applied: applied.length, entries: [...ledger.values()] }));
      return;
    }
    if (faults.down) {
      // Down: the connection drops, as when 1C or its web server is off.
      req.socket.destroy();
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) req.socket.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const dropAnswer = { value: false };
      setTimeout(() => {
        void rpc.receiveJSON(Buffer.concat(chunks).toString('utf8'), { dropAnswer }).then((answer) => {
          if (dropAnswer.value) return void req.socket.destroy();
          res.writeHead(200, { 'content-type': 'application/json' }).end(answer ? JSON.stringify(answer) : '');
        });
      }, faults.latencyMs);
    });
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    faults,
    ledger,
    applied,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
