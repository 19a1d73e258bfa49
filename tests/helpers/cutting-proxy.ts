// A TCP proxy on loopback that cuts connections: after a random number of bytes from the clients
// (within the given range, counted across connections so that keep-alive or fresh connections make
// no difference) it destroys both sides of the connection carrying them, `cuts` times in all, then
// passes everything.
// Used to prove uploads resume without resending what already arrived.
import net from 'node:net';

export interface CuttingProxy {
  url: string;
  cutsDone(): number;
  /** Bytes the clients sent, cut or not. */ clientBytes(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target: URL,
  cuts: number,
  range: [number, number],
  random: () => number = Math.random,
): Promise<CuttingProxy> {
  let done = 0;
  let sinceCut = 0;
  let fromClients = 0;
  const nextLimit = () => range[0] + Math.floor(random() * (range[1] - range[0]));
  let limit = nextLimit();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (d: Buffer) => {
      fromClients += d.length;
      sinceCut += d.length;
      if (sinceCut > limit && done < cuts) {
        done++;
        // Forward part of the data, then cut: the server sees a request body end short.
        upstream.write(d.subarray(0, Math.max(0, d.length - (sinceCut - limit))));
        sinceCut = 0;
        limit = nextLimit();
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => client.write(d));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cutsDone: () => done,
    clientBytes: () => fromClients,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
