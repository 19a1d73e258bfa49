// A load generator's child process for bench/server-load.ts: simulated desks (one WebSocket each,
// pulling on pokes as the real desk does) that push one mutation a second between a common start
// and stop, and report every push's time to its acknowledgement and the process's own CPU. The
// desks are spread over several such processes so the generator is never the bottleneck.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export interface LoadPlan {
  url: string;
  desks: { token: string; clientIds: number[] }[];
}
export type LoadCommand = { type: 'go'; at: number; seconds: number };
export type LoadReport =
  { type: 'ready' } | { type: 'done'; latencies: number[]; errors: number; cpuSeconds: number; wallSeconds: number };

interface SimDesk {
  ws: WebSocket;
  clientIds: number[];
  deskId: string;
  seq: number;
  sentAt: Map<number, number>;
}

async function connect(url: string, token: string, clientIds: number[], onAck: (ms: number, ok: boolean) => void) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/sync`, { headers: { authorization: `Bearer ${token}` } });
  const sim: SimDesk = { ws, clientIds, deskId: randomUUID(), seq: 0, sentAt: new Map() };
  let cursor = 0;
  // Like the real desk: one pull at a time; pokes during a pull make one more pull after it.
  let inFlight = false;
  let again = false;
  const pull = (): void => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    ws.send(JSON.stringify({ type: 'pull', cursor }));
  };
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString()) as {
      type: string;
      headVersion?: number;
      cursor?: number;
      done?: boolean;
      results?: { seq: number; status: string }[];
    };
    if (msg.type === 'welcome') cursor = msg.headVersion!;
    else if (msg.type === 'ack') {
      for (const r of msg.results!) {
        const t = sim.sentAt.get(r.seq);
        sim.sentAt.delete(r.seq);
        if (t !== undefined) onAck(performance.now() - t, r.status !== 'rejected');
      }
    } else if (msg.type === 'poke') pull();
    else if (msg.type === 'batch') {
      cursor = msg.cursor!;
      if (!msg.done) ws.send(JSON.stringify({ type: 'pull', cursor }));
      else {
        inFlight = false;
        if (again) {
          again = false;
          pull();
        }
      }
    }
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return sim;
}

async function run(plan: LoadPlan): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  const onAck = (ms: number, ok: boolean) => {
    latencies.push(ms);
    if (!ok) errors++;
  };
  const sims: SimDesk[] = [];
  // Connected a few at a time: a crowd of simultaneous handshakes is not what is measured.
  for (let i = 0; i < plan.desks.length; i += 20)
    sims.push(
      ...(await Promise.all(plan.desks.slice(i, i + 20).map((d) => connect(plan.url, d.token, d.clientIds, onAck)))),
    );
  process.send!({ type: 'ready' } satisfies LoadReport);
  const go = await new Promise<Extract<LoadCommand, { type: 'go' }>>((resolve) =>
    process.once('message', (m) => resolve(m as Extract<LoadCommand, { type: 'go' }>)),
  );
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const stopAt = go.at + go.seconds * 1000;
  await Promise.all(
    sims.map(async (sim, i) => {
      // Spread over the second so the load is steady, as with real people.
      await new Promise((r) => setTimeout(r, Math.max(0, go.at - Date.now()) + (i / sims.length) * 1000));
      while (Date.now() < stopAt && sim.ws.readyState === WebSocket.OPEN) {
        sim.seq++;
        const clientId = sim.clientIds[sim.seq % sim.clientIds.length]!;
        sim.sentAt.set(sim.seq, performance.now());
        sim.ws.send(
          JSON.stringify({
            type: 'push',
            clientId: sim.deskId,
            mutations: [
              {
                seq: sim.seq,
                name: 'client.updateCard@1',
                args: { clientId, baseVersion: 0, patch: { notes: `load ${sim.deskId.slice(0, 8)}/${sim.seq}` } },
              },
            ],
          }),
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
    }),
  );
  // The last pushes' acknowledgements.
  const settle = Date.now() + 3000;
  while (sims.some((s) => s.sentAt.size) && Date.now() < settle) await new Promise((r) => setTimeout(r, 20));
  const cpu = process.cpuUsage(cpu0);
  for (const s of sims) s.ws.close();
  process.send!({
    type: 'done',
    latencies,
    errors,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: (performance.now() - wall0) / 1000,
  } satisfies LoadReport);
  process.disconnect();
}

process.once('message', (plan) => void run(plan as LoadPlan));
// The bench gone (finished or failed), nothing left for this generator to do.
process.once('disconnect', () => process.exit(0));
