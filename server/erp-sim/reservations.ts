// The simulator's reserves and preorders, as 1C keeps them. A reserve holds what the warehouse
// has free of each line (the free stock drops by it, so every desk sees it go) until the end of
// its period; 1C extends it on request while it lasts, turns it into an order (the goods stay
// held for it), and releases it when the time is up. A preorder waits for goods: lines are
// secured as they arrive (on a timer in the demo, on request in tests), and an order made of the
// secured part takes them over; a preorder wholly taken over is closed. Every change is reported
// on the order status feed with the per-line totals.
import Decimal from 'decimal.js';
import type { ChangeLog } from './master-store';
import type { MasterStore } from './master-store';

interface HeldLine {
  itemId: number;
  quantity: Decimal;
  held: Decimal;
}
interface Reserve {
  erpId: string;
  warehouseId: number;
  heldUntil: number;
  lines: Map<string, HeldLine>;
}
interface PreorderLine {
  itemId: number;
  quantity: Decimal;
  secured: Decimal;
  converted: Decimal;
}
interface Preorder {
  erpId: string;
  lines: Map<string, PreorderLine>;
  lastSecuredAt: number;
}

interface OrderPayload {
  order?: { orderId?: string; kind?: string; warehouseId?: number; holdDays?: number; fromOrderId?: string };
  lines?: { lineId?: string; itemId?: number; quantity?: string; fromLineId?: string | null }[];
  removedLineIds?: string[];
}

const DAY = 86_400_000;
const MAX_HOLD_DAYS = 30;

export class ReservationBook {
  readonly reserves = new Map<string, Reserve>();
  readonly preorders = new Map<string, Preorder>();

  constructor(
    private readonly master: MasterStore,
    private readonly statuses: ChangeLog,
    private readonly refuse: (message: string) => never,
    private readonly now: () => number = Date.now,
  ) {}

  /** The desk's id of a reserve or preorder by 1C's number (what a 1C operator sees). */
  orderIdOf(erpId: string): string | undefined {
    for (const [id, r] of this.reserves) if (r.erpId === erpId) return id;
    for (const [id, p] of this.preorders) if (p.erpId === erpId) return id;
    return undefined;
  }

  /** Whether 1C's own progress (processing, assembling...) leaves this order alone for now. */
  waits(orderId: string): boolean {
    return this.reserves.has(orderId) || this.preorders.has(orderId);
  }

  /** order.submit: a reserve holds what it can, a preorder starts waiting, an order of secured goods takes them. */
  take(p: OrderPayload, erpId: string): void {
    const orderId = String(p.order?.orderId);
    const lines = p.lines ?? [];
    if (p.order?.kind === 'reserve') {
      const days = Math.min(MAX_HOLD_DAYS, Math.max(1, Number(p.order.holdDays) || 3));
      const r: Reserve = {
        erpId,
        warehouseId: Number(p.order.warehouseId),
        heldUntil: this.now() + days * DAY,
        lines: new Map(),
      };
      this.reserves.set(orderId, r);
      for (const l of lines) this.hold(r, String(l.lineId), Number(l.itemId), new Decimal(l.quantity ?? 0));
    } else if (p.order?.kind === 'preorder') {
      const pre: Preorder = { erpId, lines: new Map(), lastSecuredAt: this.now() };
      for (const l of lines)
        pre.lines.set(String(l.lineId), {
          itemId: Number(l.itemId),
          quantity: new Decimal(l.quantity ?? 0),
          secured: new Decimal(0),
          converted: new Decimal(0),
        });
      this.preorders.set(orderId, pre);
    } else if (p.order?.fromOrderId) {
      this.takeOver(String(p.order.fromOrderId), lines);
    }
  }

  /** order.change: a reserve's changed lines are held anew; a preorder's quantities follow. */
  change(p: OrderPayload): void {
    const orderId = String(p.order?.orderId);
    const r = this.reserves.get(orderId);
    if (r) {
      for (const id of p.removedLineIds ?? []) this.free(r, id);
      for (const l of p.lines ?? []) {
        this.free(r, String(l.lineId));
        this.hold(r, String(l.lineId), Number(l.itemId), new Decimal(l.quantity ?? 0));
      }
      this.reportReserve(orderId, r);
    }
    const pre = this.preorders.get(orderId);
    if (pre) {
      for (const id of p.removedLineIds ?? []) pre.lines.delete(id);
      for (const l of p.lines ?? []) {
        const line = pre.lines.get(String(l.lineId));
        const quantity = new Decimal(l.quantity ?? 0);
        if (line) {
          line.quantity = quantity;
          line.secured = Decimal.min(line.secured, quantity);
        } else
          pre.lines.set(String(l.lineId), {
            itemId: Number(l.itemId),
            quantity,
            secured: new Decimal(0),
            converted: new Decimal(0),
          });
      }
    }
  }

  /** reserve.extend: a later end, while the reserve lasts; returns the new end. */
  extend(orderId: string, days: number): string {
    const r = this.reserves.get(orderId) ?? this.refuse(`Резерв ${orderId} не найден или уже снят`);
    if (r.heldUntil <= this.now()) this.refuse(`Резерв ${r.erpId} снят: срок истёк`);
    r.heldUntil += Math.min(MAX_HOLD_DAYS, Math.max(1, days)) * DAY;
    this.reportReserve(orderId, r);
    return new Date(r.heldUntil).toISOString();
  }

  /** reserve.convert: the document goes on as an order, its goods still held for it. */
  convert(orderId: string): void {
    const r = this.reserves.get(orderId) ?? this.refuse(`Резерв ${orderId} не найден или уже снят`);
    if (r.heldUntil <= this.now()) this.refuse(`Резерв ${r.erpId} снят: срок истёк`);
    this.reserves.delete(orderId);
  }

  /** order.cancel: what a reserve held is free again; a preorder stops waiting. */
  cancel(orderId: string): void {
    const r = this.reserves.get(orderId);
    if (r) for (const id of [...r.lines.keys()]) this.free(r, id);
    this.reserves.delete(orderId);
    this.preorders.delete(orderId);
  }

  /** Releases every reserve whose time is up. */
  tick(): void {
    const now = this.now();
    for (const [orderId, r] of this.reserves) if (r.heldUntil <= now) this.expire(orderId);
  }

  /** A reserve released now (its time up), as 1C's routine does it. */
  expire(orderId: string): boolean {
    const r = this.reserves.get(orderId);
    if (!r) return false;
    for (const id of [...r.lines.keys()]) this.free(r, id);
    this.reserves.delete(orderId);
    this.statuses.add({
      orderId,
      erpId: r.erpId,
      status: 'closed',
      released: true,
      heldUntil: new Date(r.heldUntil).toISOString(),
      lines: [...r.lines.keys()].map((lineId) => ({ lineId, held: '0' })),
    });
    return true;
  }

  /**
   * Goods arrive for a preorder: the line (or every line) is secured by `quantity` more (or
   * wholly). Returns the lines secured now.
   */
  secure(orderId: string, lineId?: string, quantity?: string): number {
    const pre = this.preorders.get(orderId);
    if (!pre) return 0;
    let changed = 0;
    for (const [id, l] of pre.lines) {
      if (lineId && id !== lineId) continue;
      const next = Decimal.min(l.quantity, quantity === undefined ? l.quantity : l.secured.plus(quantity));
      if (next.lte(l.secured)) continue;
      l.secured = next;
      changed++;
    }
    pre.lastSecuredAt = this.now();
    if (changed) this.reportPreorder(orderId, pre);
    return changed;
  }

  /** The demo's arrivals: every `everyMs`, one waiting line of each preorder is secured whole. */
  arrive(everyMs: number, random: () => number): void {
    const now = this.now();
    for (const [orderId, pre] of this.preorders) {
      if (now - pre.lastSecuredAt < everyMs) continue;
      const waiting = [...pre.lines].filter(([, l]) => l.secured.lt(l.quantity));
      const pick = waiting[Math.floor(random() * waiting.length)];
      if (pick) this.secure(orderId, pick[0]);
      else pre.lastSecuredAt = now;
    }
  }

  private takeOver(preorderId: string, lines: OrderPayload['lines'] & object): void {
    const pre = this.preorders.get(preorderId);
    if (!pre) return;
    const taken = lines.flatMap((l) => {
      const from = l.fromLineId ? pre.lines.get(l.fromLineId) : undefined;
      return from ? [{ from, q: new Decimal(l.quantity ?? 0) }] : [];
    });
    // All or nothing: a line asking more than is secured refuses the whole order.
    for (const { from, q } of taken)
      if (from.converted.plus(q).gt(from.secured))
        this.refuse(
          `По строке предзаказа обеспечено ${from.secured.minus(from.converted).toString()}, а в заказе ${q.toString()}`,
        );
    for (const { from, q } of taken) from.converted = from.converted.plus(q);
    if ([...pre.lines.values()].every((l) => l.converted.gte(l.quantity))) {
      this.preorders.delete(preorderId);
      this.statuses.add({ orderId: preorderId, erpId: pre.erpId, status: 'closed' });
    }
  }

  private hold(r: Reserve, lineId: string, itemId: number, quantity: Decimal): void {
    const key = `${itemId}:${r.warehouseId}`;
    const s = this.master.stock.get(key);
    const free = new Decimal(s?.quantity ?? 0);
    const held = Decimal.max(0, Decimal.min(quantity, free));
    if (s && held.gt(0)) this.master.stock.put({ ...s, quantity: free.minus(held).toString() });
    r.lines.set(lineId, { itemId, quantity, held });
  }

  private free(r: Reserve, lineId: string): void {
    const line = r.lines.get(lineId);
    if (!line) return;
    const key = `${line.itemId}:${r.warehouseId}`;
    const s = this.master.stock.get(key);
    if (line.held.gt(0))
      this.master.stock.put({
        itemId: line.itemId,
        warehouseId: r.warehouseId,
        quantity: new Decimal(s?.quantity ?? 0).plus(line.held).toString(),
        leadDays: s?.leadDays ?? null,
      });
    line.held = new Decimal(0);
  }

  /** Reports what a new reserve holds (a preorder has nothing secured yet: nothing to say). */
  report(orderId: string): void {
    const r = this.reserves.get(orderId);
    if (r) this.reportReserve(orderId, r);
  }

  private reportReserve(orderId: string, r: Reserve): void {
    this.statuses.add({
      orderId,
      erpId: r.erpId,
      status: 'accepted',
      heldUntil: new Date(r.heldUntil).toISOString(),
      lines: [...r.lines].map(([lineId, l]) => ({ lineId, held: l.held.toString() })),
    });
  }

  private reportPreorder(orderId: string, pre: Preorder): void {
    this.statuses.add({
      orderId,
      erpId: pre.erpId,
      status: 'accepted',
      lines: [...pre.lines].map(([lineId, l]) => ({ lineId, secured: l.secured.toString() })),
    });
  }
}
