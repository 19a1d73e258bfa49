// Demo seasonal programmes: one taking orders now (from the first of last month to the end of
// next month) and one whose window ended last quarter, each over the groups the demo's seasonal
// orders bought most; every client with seasonal orders in a window commits to around what they
// ordered (-40 % to +60 %, some in units), so some are past 100 % and some far behind; the
// demo's seasonal orders in a window are placed under its programme. Ids are fixed per seed.
import type { Row } from '../../domain/sync/mutation-def';
import type { DemoItem, DemoOrder, DemoOrderLine, DemoUser } from './demo-types';

const COUNTED = new Set(['submitted', 'accepted', 'processing', 'assembling', 'shipped', 'closed']);
const MSK_MS = 3 * 3600_000;
const day = (at: string | number) =>
  new Date((typeof at === 'string' ? Date.parse(at) : at) + MSK_MS).toISOString().slice(0, 10);
const uuidOf = (n: number) => `5ea50000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function demoSeasonal(
  src: { users: DemoUser[]; orders: DemoOrder[]; order_lines: DemoOrderLine[]; items: DemoItem[] },
  asOf: string,
  r: () => number,
): { seasonal_programmes: Row[]; seasonal_commitments: Row[] } {
  const now = new Date(Date.parse(asOf) + MSK_MS);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const windows = [
    {
      id: uuidOf(1),
      name: `Сезон ${m >= 6 ? y + 1 : y}: весенний заказ`,
      season: `Весна ${m >= 6 ? y + 1 : y}`,
      from: day(Date.UTC(y, m - 1, 1) - MSK_MS),
      to: day(Date.UTC(y, m + 2, 0) - MSK_MS + 12 * 3600_000),
      steps: [
        { from: '80', percent: '1.5' },
        { from: '100', percent: '3' },
        { from: '120', percent: '4' },
      ],
    },
    {
      id: uuidOf(2),
      name: `Сезон ${y}: осенний заказ`,
      season: `Осень ${y}`,
      from: day(Date.UTC(y, m - 5, 1) - MSK_MS),
      to: day(Date.UTC(y, m - 2, 0) - MSK_MS + 12 * 3600_000),
      steps: [
        { from: '90', percent: '2' },
        { from: '110', percent: '3.5' },
      ],
    },
  ];
  const groupOf = new Map(src.items.map((i) => [i.id, i.group_name]));
  const linesOf = new Map<string, DemoOrderLine[]>();
  for (const l of src.order_lines) {
    const list = linesOf.get(l.order_id);
    if (list) list.push(l);
    else linesOf.set(l.order_id, [l]);
  }
  const seasonal = src.orders.filter((o) => o.kind === 'seasonal');
  for (const o of src.orders) o.programme_id = null;
  const programmes: Row[] = [];
  const commitments: Row[] = [];
  const supervisor = src.users.find((u) => u.role === 'supervisor')?.id ?? null;
  for (const w of windows) {
    const inWindow = seasonal.filter((o) => {
      const at = day(o.submitted_at ?? o.created_at);
      return at >= w.from && at <= w.to;
    });
    // The groups the season's orders bought most.
    const byGroup = new Map<string, number>();
    for (const o of inWindow)
      for (const l of linesOf.get(o.id) ?? [])
        byGroup.set(groupOf.get(l.item_id) ?? '', (byGroup.get(groupOf.get(l.item_id) ?? '') ?? 0) + Number(l.amount));
    const groups = [...byGroup]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([g]) => g)
      .filter(Boolean)
      .sort();
    if (!groups.length) continue;
    programmes.push({
      id: w.id,
      name: w.name,
      season: w.season,
      order_from: w.from,
      order_to: w.to,
      groups,
      item_ids: [],
      bonus_steps: w.steps,
      updated_by: supervisor,
      updated_at: `${w.from}T06:00:00.000Z`,
    });
    const ordered = new Map<number, { money: number; units: number; manager: number }>();
    for (const o of inWindow) {
      o.programme_id = w.id;
      if (!COUNTED.has(o.status)) continue;
      const v = ordered.get(o.client_id) ?? { money: 0, units: 0, manager: o.manager_id };
      for (const l of linesOf.get(o.id) ?? [])
        if (groups.includes(groupOf.get(l.item_id) ?? '')) {
          v.money += Number(l.amount);
          v.units += Number(l.quantity);
        }
      ordered.set(o.client_id, v);
    }
    for (const o of inWindow)
      if (!ordered.has(o.client_id)) ordered.set(o.client_id, { money: 0, units: 0, manager: o.manager_id });
    for (const [clientId, v] of [...ordered].sort((a, b) => a[0] - b[0])) {
      const share = 0.6 + r() * 1.0;
      const inUnits = r() < 0.25 && v.units > 0;
      const amount = inUnits
        ? String(Math.max(10, Math.round(v.units / share / 10) * 10))
        : `${Math.max(50_000, Math.round(v.money / share / 10_000) * 10_000)}.00`;
      commitments.push({
        id: `${w.id}:${clientId}`,
        programme_id: w.id,
        client_id: clientId,
        manager_id: v.manager,
        unit: inUnits ? 'quantity' : 'money',
        amount,
        note: '',
        set_by: supervisor,
        set_at: `${w.from}T07:00:00.000Z`,
      });
    }
  }
  return { seasonal_programmes: programmes, seasonal_commitments: commitments };
}
