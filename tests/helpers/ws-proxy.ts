// A WebSocket proxy between desks and the server for failure tests: it can cut the link (and
// refuse new connections), duplicate desk→server frames, delay or hold server→desk frames.
import { createServer, type IncomingMessage } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

export interface ProxyFaults {
  /** Probability that a desk→server frame is sent twice. */
  duplicate?: number;
  /** Random extra delay per frame, in ms, each direction (order within a direction is kept). */
  maxDelayMs?: number;
  /** Hold all server→desk frames (acks, batches) until released. */
  holdDownstream?: boolean;
}

export interface WsProxy {
  url: string;
  faults: ProxyFaults;
  cut(): void;
  restore(): void;
  releaseDownstream(): void;
  close(): Promise<void>;
}

export async function startWsProxy(target: string, random: () => number = Math.random): Promise<WsProxy> {
  let up = true;
  const faults: ProxyFaults = {};
  const pairs = new Set<{ desk: WebSocket; server: WebSocket }>();
  const held: (() => void)[] = [];
  const http = createServer(async (req, res) => {
    // Plain HTTP (login, refresh, health) passes through.
    if (!up) return void res.destroy();
    const body = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
    });
    try {
      const r = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'GET' ? undefined : body.toString('utf8'),
      });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch {
      res.destroy();
    }
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    if (!up) return void socket.destroy();
    const server = new WebSocket(`${target.replace('http', 'ws')}${req.url}`, {
      headers: { authorization: req.headers.authorization ?? '' },
      maxPayload: 64 * 1024 * 1024,
    });
    server.on('unexpected-response', (_q, res) => {
      // The refusal goes through as it is: status and JSON body (the desk reads the error code).
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        socket.write(
          `HTTP/1.1 ${res.statusCode} Refused\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        socket.destroy();
      });
    });
    server.on('error', () => socket.destroy());
    let desk: WebSocket | null = null;
    const early: { data: WebSocket.RawData; binary: boolean }[] = [];
    let downChain = Promise.resolve();
    const delay = (): Promise<void> =>
      new Promise((r) => setTimeout(r, faults.maxDelayMs ? random() * faults.maxDelayMs : 0));
    const down = (data: WebSocket.RawData, binary: boolean): void => {
      downChain = downChain.then(delay).then(
        () =>
          new Promise<void>((resolve) => {
            const deliver = (): void => {
              if (desk?.readyState === WebSocket.OPEN) desk.send(data, { binary });
              resolve();
            };
            if (faults.holdDownstream) held.push(deliver);
            else deliver();
          }),
      );
    };
    // The server greets at once: keep what arrives before the desk side is upgraded.
    server.on('message', (data, binary) => (desk ? down(data, binary) : early.push({ data, binary })));
    server.on('open', () => {
      wss.handleUpgrade(req, socket, head, (d) => {
        desk = d;
        const pair = { desk: d, server };
        pairs.add(pair);
        for (const m of early.splice(0)) down(m.data, m.binary);
        let upChain = Promise.resolve();
        d.on('message', (data, binary) => {
          upChain = upChain.then(delay).then(() => {
            if (server.readyState !== WebSocket.OPEN) return;
            server.send(data, { binary });
            if (faults.duplicate && random() < faults.duplicate) server.send(data, { binary });
          });
        });
        const end = (): void => {
          pairs.delete(pair);
          d.terminate();
          server.terminate();
        };
        d.on('close', end);
        server.on('close', end);
        d.on('error', end);
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address() as { port: number };
  const cut = (): void => {
    up = false;
    for (const p of pairs) {
      p.desk.terminate();
      p.server.terminate();
    }
    pairs.clear();
  };
  return {
    url: `http://127.0.0.1:${address.port}`,
    faults,
    cut,
    restore() {
      up = true;
    },
    releaseDownstream() {
      faults.holdDownstream = false;
      for (const deliver of held.splice(0)) deliver();
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
