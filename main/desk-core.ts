// The workstation core, plain Node: the signed-in session, the user's replica, the sync client
// and the services behind every contract method. Electron runs it in a utility process; the web
// shell runs it in its host process. It knows nothing of windows or transports.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DeskHandlers, EventName, EventPayload, MethodOutput, SyncStatus } from '../domain/contract';
import { CodedError } from '../domain/errors';
import { SessionUser } from '../domain/roles';
import { typedDate } from '../domain/orders/order';
import { createCatalogService, type CatalogService } from './catalog';
import { createDeskPricing, type DeskPricing } from './pricing';
import { createClientService, type ClientService } from './clients';
import { createApprovalService, type ApprovalService } from './approvals';
import { createPricingAdmin, type PricingAdmin } from './pricing-admin';
import { isImage } from '../domain/aftersales/attachment';
import { SUPPLIER_NAME } from '../domain/aftersales/claim-form';
import { claimFormPdf } from './claim-form-pdf';
import { createAftersales, type Aftersales } from './aftersales';
import { createDeskFiles, type DeskFiles } from './files';
import { createOrderService, type OrderService } from './orders';
import { createLineIntake, type LineIntake } from './line-intake';
import { createOrderEditing, type OrderEditing } from './order-editing';
import { createOrderOperations, type OrderOperations } from './order-operations';
import { exportTexts, templateTexts } from './workbook-texts';
import { readOrderFile, writeOrders, writeTemplate } from './order-workbook';
import { createLocalChanges, type ChangedRows, type LocalChanges } from './local-changes';
import { openReplica, type Replica } from './replica';
import { teamManagers } from './team';
import { createDashboard, type Dashboard } from './dashboard';
import { writeTable } from './table-workbook';
import { createSyncClient, type SyncClient } from './sync-client';

export interface DeskCoreOptions {
  dataDir: string;
  serverUrl: string;
  shell: 'electron' | 'web';
  locale: string;
  version: string;
}

export type DeskListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface DeskCore {
  handlers: DeskHandlers;
  subscribe(listener: DeskListener): () => void;
  status(): SyncStatus;
  close(): Promise<void>;
}

const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string(),
  user: SessionUser,
});
const LastSession = z.object({ userId: z.number().int() });

interface OpenSession {
  user: SessionUser;
  replica: Replica;
  catalog: CatalogService;
  pricing: DeskPricing;
  clients: ClientService;
  orders: OrderService;
  editing: OrderEditing;
  approvals: ApprovalService;
  pricingAdmin: PricingAdmin;
  aftersales: Aftersales;
  dashboard: Dashboard;
  files: DeskFiles;
  operations: OrderOperations;
  intake: LineIntake;
  changes: LocalChanges;
  sync: SyncClient;
}

const CATALOG_TABLES = new Set(['items', 'stock', 'prices', 'warehouses', 'price_types']);

function changedPayload(changed: ChangedRows): { tables: string[]; rows: Record<string, string[]> } {
  return {
    tables: [...changed.keys()],
    rows: Object.fromEntries([...changed].map(([t, keys]) => [t, [...keys].slice(0, 5000)])),
  };
}

export function createDeskCore(options: DeskCoreOptions): DeskCore {
  mkdirSync(options.dataDir, { recursive: true });
  const listeners = new Set<DeskListener>();
  const emit: DeskListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  const sessionFile = path.join(options.dataDir, 'session.json');
  const replicaFile = (userId: number): string => path.join(options.dataDir, `replica-${userId}.sqlite`);

  let session: OpenSession | null = null;
  // Set by each session (the offline start opens one while this function is still running).
  let uploadAfterAdd: () => void = () => undefined;
  let connection: SyncStatus['connection'] = 'offline';
  let progress: SyncStatus['progress'] = null;
  let lastError: SyncStatus['lastError'] = null;
  let rowsInReplica = 0;
  const notices: string[] = [];
  let statusTimer: NodeJS.Timeout | null = null;
  let checkpointTimer: NodeJS.Timeout | null = null;

  const outboxSummary = (s: OpenSession | null): { pending: number; oldest: string | null; rejected: number } => {
    if (!s) return { pending: 0, oldest: null, rejected: 0 };
    // Counted in SQL: status is sent often and an offline day can queue thousands of changes.
    const row = s.replica.sqlite
      .prepare(
        `SELECT sum(status = 'pending') AS pending, min(CASE WHEN status = 'pending' THEN created_at END) AS oldest, sum(status = 'rejected') AS rejected FROM outbox`,
      )
      .get() as { pending: number | null; oldest: string | null; rejected: number | null };
    return { pending: row.pending ?? 0, oldest: row.oldest, rejected: row.rejected ?? 0 };
  };
  const status = (): SyncStatus => {
    const outbox = outboxSummary(session);
    return {
      connection,
      user: session?.user ?? null,
      serverUrl: options.serverUrl,
      lastSyncAt: session?.replica.getState('last_sync_at') ?? null,
      rowsInReplica,
      progress,
      lastError,
      notices: [...notices],
      pending: outbox.pending,
      oldestPendingAt: outbox.oldest,
      rejected: outbox.rejected,
      conflicts: session ? conflictRows(session).length : 0,
      erp: session?.orders.erpLink() ?? null,
    };
  };
  const dismissed = (s: OpenSession): number[] =>
    JSON.parse(s.replica.getState('dismissed_conflicts') ?? '[]') as number[];
  const conflictRows = (s: OpenSession): { id: number; kind: string; payload: string; created_at: string }[] => {
    const hidden = new Set(dismissed(s));
    return (
      s.replica.sqlite
        .prepare(`SELECT id, kind, payload, created_at FROM sync_notices ORDER BY id DESC LIMIT 200`)
        .all() as { id: number; kind: string; payload: string; created_at: string }[]
    ).filter((r) => !hidden.has(r.id));
  };
  // Progress arrives per batch; the UI needs a few updates a second, not hundreds.
  const emitStatus = (now = false): void => {
    if (now) {
      if (statusTimer) clearTimeout(statusTimer);
      statusTimer = null;
      emit('sync.status', status());
      return;
    }
    statusTimer ??= setTimeout(() => {
      statusTimer = null;
      emit('sync.status', status());
    }, 100);
  };

  function openSession(user: SessionUser, token: string, refreshToken: string | null): OpenSession {
    const replica = openReplica(replicaFile(user.id), { onNotice: (n) => notices.push(n) });
    replica.setState('token', token);
    if (refreshToken) replica.setState('refresh_token', refreshToken);
    replica.setState('user', JSON.stringify(user));
    rowsInReplica = replica.rowCount();
    const catalog = createCatalogService(replica.sqlite);
    const pricing = createDeskPricing(replica.sqlite);
    const changes = createLocalChanges({ replica, user: () => user });
    const files = createDeskFiles(replica.sqlite, path.join(options.dataDir, 'files'), {
      serverUrl: options.serverUrl,
      token: () => replica.getState('token') ?? '',
      renew: () => renewToken(replica),
    });
    // Files follow their claims and messages when the server is reachable: after each add, on
    // every reconnect, and again with a growing pause while the server cannot take them.
    let uploadTimer: NodeJS.Timeout | null = null;
    let uploadPause = 1000;
    function uploadSoon(ms: number): void {
      if (uploadTimer) clearTimeout(uploadTimer);
      uploadTimer = setTimeout(() => {
        uploadTimer = null;
        if (session?.files !== files || files.pending().every((f) => f.lastError !== null)) return;
        files.uploadPending().then(
          () => {
            uploadPause = 1000;
          },
          () => {
            uploadPause = Math.min(uploadPause * 2, 60_000);
            uploadSoon(uploadPause);
          },
        );
      }, ms);
      uploadTimer.unref();
    }
    uploadAfterAdd = () => uploadSoon(50);
    const applied = (changed: ChangedRows): void => {
      if ([...changed.keys()].some((t) => CATALOG_TABLES.has(t))) catalog.invalidate();
      rowsInReplica = replica.rowCount();
      emit('replica.changed', changedPayload(changed));
      if (changed.has('erp_link')) emitStatus();
    };
    const sync = createSyncClient({
      serverUrl: options.serverUrl,
      token: () => replica.getState('token') ?? '',
      renewToken: () => renewToken(replica),
      replica,
      changes,
      onConnection: (s) => {
        connection = s;
        if (s === 'online') {
          lastError = null;
          uploadSoon(0);
        }
        emitStatus(true);
      },
      onProgress: (p) => {
        progress = p;
        emitStatus();
      },
      onApplied: (changed) => applied(changed),
      onOutbox: () => emitStatus(true),
      onCaughtUp: (at) => {
        replica.setState('last_sync_at', at.toISOString());
        progress = null;
        emitStatus(true);
      },
      onError: (e) => {
        lastError = { code: e.code, message: e.message };
        emitStatus(true);
      },
    });
    writeFileSync(sessionFile, JSON.stringify({ userId: user.id }));
    sync.start();
    checkpointTimer ??= setInterval(() => session?.replica.checkpoint(), 5000);
    checkpointTimer.unref();
    // Many mutations as one local transaction (a paste, a split): all or none, then told and pushed once.
    const runAll = (list: { name: string; args: unknown }[]): number[] => {
      const result = changes.mutateAll(list);
      if (!result.ok) throw new CodedError(result.code === 'locked' ? 'locked' : 'bad_input', result.message);
      emit('replica.changed', changedPayload(result.changed));
      emitStatus(true);
      sync.push();
      return result.seqs;
    };
    const orders = createOrderService(replica.sqlite, pricing);
    return {
      user,
      replica,
      catalog,
      pricing,
      clients: createClientService(replica.sqlite),
      orders,
      approvals: createApprovalService(replica.sqlite, orders),
      pricingAdmin: createPricingAdmin(replica.sqlite),
      aftersales: createAftersales(replica.sqlite, () => user),
      dashboard: createDashboard(
        replica.sqlite,
        () => user,
        undefined,
        () => replica.recountTotals(),
      ),
      files,
      editing: createOrderEditing(replica.sqlite, runAll),
      operations: createOrderOperations(replica.sqlite, runAll, pricing),
      intake: createLineIntake(replica.sqlite, catalog, pricing),
      changes,
      sync,
    };
  }

  /** Renews an expired access token with the stored refresh token; the outbox is untouched. */
  async function renewToken(replica: Replica): Promise<boolean> {
    const refreshToken = replica.getState('refresh_token');
    if (!refreshToken) return false;
    try {
      const res = await fetch(`${options.serverUrl}/api/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) return false;
      const body = LoginResponse.parse(await res.json());
      replica.setState('token', body.token);
      replica.setState('refresh_token', body.refreshToken);
      return true;
    } catch {
      // Server unreachable: not a verdict on the token; the reconnect loop tries again.
      throw new Error('refresh unreachable');
    }
  }

  /** Runs a named mutation locally, queues it, tells the views, and pushes it if online. */
  function mutate(s: OpenSession, name: string, args: unknown): { seq: number } {
    const result = s.changes.mutate(name, args);
    if (!result.ok) throw new CodedError(result.code === 'locked' ? 'locked' : 'bad_input', result.message);
    emit('replica.changed', changedPayload(result.changed));
    emitStatus(true);
    s.sync.push();
    return { seq: result.seq };
  }

  // Offline start: reopen the last signed-in user's replica and keep working from it.
  if (existsSync(sessionFile)) {
    try {
      const last = LastSession.parse(JSON.parse(readFileSync(sessionFile, 'utf8')));
      if (existsSync(replicaFile(last.userId))) {
        const probe = openReplica(replicaFile(last.userId), { onNotice: (n) => notices.push(n) });
        const token = probe.getState('token');
        const user = probe.getState('user');
        probe.close();
        if (token && user) session = openSession(SessionUser.parse(JSON.parse(user)), token, null);
      }
    } catch {
      rmSync(sessionFile, { force: true });
    }
  }

  /** A call to the server's HTTP API with the session's token (admin tools, on-demand ERP reads). */
  async function serverApi<T>(
    s: OpenSession,
    method: 'GET' | 'POST',
    route: string,
    body?: unknown,
    retried = false,
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${options.serverUrl}${route}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.replica.getState('token') ?? ''}` },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new CodedError('offline', `Cannot reach ${options.serverUrl}`);
    }
    if (res.status === 401 && !retried && (await renewToken(s.replica).catch(() => false)))
      return serverApi(s, method, route, body, true);
    const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } & T;
    if (!res.ok) {
      const code = json.error?.code;
      throw new CodedError(
        code === 'forbidden' || code === 'not_found' || code === 'bad_input' || code === 'erp_unavailable'
          ? code
          : 'internal',
        json.error?.message ?? `Server answered ${res.status}`,
      );
    }
    return json;
  }

  const requireSession = (): OpenSession => {
    if (!session) throw new CodedError('not_signed_in', 'Sign in first');
    return session;
  };

  async function closeSession(): Promise<void> {
    if (!session) return;
    const s = session;
    session = null;
    await s.sync.stop();
    // Signing out forgets the session but never the outbox: unsent changes wait in the replica
    // and go out when this user signs in again.
    s.replica.setState('token', null);
    s.replica.setState('refresh_token', null);
    s.replica.close();
    rmSync(sessionFile, { force: true });
    rowsInReplica = 0;
    progress = null;
  }

  const handlers: DeskHandlers = {
    'app.info': () => ({ version: options.version, shell: options.shell, locale: options.locale }),
    'session.login': async ({ login, password }) => {
      let res: Response;
      try {
        res = await fetch(`${options.serverUrl}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login, password }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        throw new CodedError('server_unreachable', `Cannot reach ${options.serverUrl}`);
      }
      if (res.status === 401) throw new CodedError('wrong_credentials', 'Wrong login or password');
      if (!res.ok) throw new CodedError('server_unreachable', `Server answered ${res.status}`);
      const body = LoginResponse.parse(await res.json());
      await closeSession();
      lastError = null;
      session = openSession(body.user, body.token, body.refreshToken);
      emitStatus(true);
      return body.user;
    },
    'session.logout': async () => {
      await closeSession();
      emitStatus(true);
      return null;
    },
    'sync.status': () => status(),
    'sync.now': () => {
      requireSession().sync.pull();
      return null;
    },
    'catalog.page': () => requireSession().catalog.page(),
    'catalog.search': ({ query, limit }) => requireSession().catalog.search(query, limit),
    'catalog.item': ({ id }) => requireSession().catalog.item(id),
    'catalog.bulkSearch': ({ text }) => requireSession().catalog.bulkSearch(text),
    'clients.list': () => requireSession().clients.list(),
    'clients.card': ({ id }) => requireSession().clients.card(id),
    'clients.updateCard': (args) => mutate(requireSession(), 'client.updateCard@1', args),
    'clients.reassign': (args) => mutate(requireSession(), 'client.reassign@1', args),
    'pricing.setClient': (args) => mutate(requireSession(), 'client.setPricing@1', args),
    'pricing.setRule': (args) => mutate(requireSession(), 'priceRule.set@1', args),
    'pricing.removeRule': (args) => mutate(requireSession(), 'priceRule.remove@1', args),
    'pricing.audit': (filter) => requireSession().approvals.audit(filter),
    'pricing.rules': () => requireSession().pricingAdmin.rules(),
    'pricing.whatIf': ({ change }) => requireSession().pricingAdmin.whatIf(change),
    'approvals.list': ({ status }) => requireSession().approvals.list(status),
    'approvals.get': ({ orderId }) => requireSession().approvals.get(orderId),
    'approvals.request': ({ orderId, note }) => {
      const s = requireSession();
      const request = s.approvals.requestFor(orderId, note);
      return {
        ...mutate(s, 'priceApproval.request@1', request),
        lines: request.lines.length,
        credit: request.credit !== null,
      };
    },
    'approvals.decide': (args) => mutate(requireSession(), 'priceApproval.decide@1', args),
    'claims.list': (filter) => requireSession().aftersales.claims(filter),
    'claims.get': ({ claimId }) => requireSession().aftersales.claim(claimId),
    'claims.claimable': ({ orderId }) => requireSession().aftersales.claimable(orderId),
    'claims.create': (args) => {
      const id = randomUUID();
      return { id, ...mutate(requireSession(), 'claim.create@1', { claimId: id, ...args }) };
    },
    'claims.move': (args) => {
      const s = requireSession();
      const orderId = s.replica.sqlite.prepare(`SELECT order_id FROM claims WHERE id = ?`).pluck().get(args.claimId) as
        string | undefined;
      if (!orderId) throw new CodedError('not_found', `No claim ${args.claimId}`);
      return mutate(s, 'claim.move@1', { ...args, orderId });
    },
    'claims.attach': (args) => mutate(requireSession(), 'claim.attach@1', args),
    'tickets.list': (filter) => requireSession().aftersales.tickets(filter),
    'tickets.get': ({ ticketId }) => requireSession().aftersales.ticket(ticketId),
    'tickets.create': (args) => {
      const id = randomUUID();
      return { id, ...mutate(requireSession(), 'ticket.create@1', { ticketId: id, messageId: randomUUID(), ...args }) };
    },
    'tickets.reply': (args) => mutate(requireSession(), 'ticket.reply@1', { messageId: randomUUID(), ...args }),
    'tickets.setStatus': (args) => mutate(requireSession(), 'ticket.setStatus@1', args),
    'tickets.assign': (args) => {
      const s = requireSession();
      const managerId = s.replica.sqlite
        .prepare(`SELECT manager_id FROM tickets WHERE id = ?`)
        .pluck()
        .get(args.ticketId) as number | undefined;
      if (managerId === undefined) throw new CodedError('not_found', `No ticket ${args.ticketId}`);
      return mutate(s, 'ticket.assign@1', { ...args, managerId });
    },
    'tickets.assignees': ({ ticketId }) => requireSession().aftersales.assignees(ticketId),
    'dashboard.get': (filter) => requireSession().dashboard.compute(filter),
    'dashboard.rows': (drill) => requireSession().dashboard.drill(drill),
    'dashboard.options': () => {
      const db = requireSession().replica.sqlite;
      return {
        groups: db.prepare(`SELECT DISTINCT group_name FROM items ORDER BY 1`).pluck().all() as string[],
        warehouses: db.prepare(`SELECT id, name FROM warehouses ORDER BY id`).all() as { id: number; name: string }[],
      };
    },
    'table.exportXlsx': async (table) => ({ base64: (await writeTable(table)).toString('base64') }),
    'team.managers': () => {
      const s = requireSession();
      return teamManagers(s.replica.sqlite, s.user);
    },
    'files.add': async ({ name, base64 }) => {
      const ref = await requireSession().files.add(name, Buffer.from(base64, 'base64'));
      uploadAfterAdd();
      return ref;
    },
    'files.get': async ({ sha256 }) => {
      const f = await requireSession().files.read(sha256);
      return { name: f.name, mime: f.mime, base64: f.bytes.toString('base64') };
    },
    'claims.form': async ({ claimId }) => {
      const s = requireSession();
      const claim = s.aftersales.claim(claimId);
      const client = s.clients.card(claim.clientId);
      // Photos that cannot be read now (offline, not yet downloaded) are listed, not shown.
      const photos: { name: string; dataUrl: string }[] = [];
      for (const a of claim.attachments.filter((x) => isImage(x.mime))) {
        const dataUrl = await s.files.thumbnail(a.sha256).catch(() => null);
        if (dataUrl) photos.push({ name: a.name, dataUrl });
      }
      const pdf = await claimFormPdf({ claim, client, supplier: SUPPLIER_NAME, photos });
      return { name: `Рекламация ${claim.number ?? claim.id.slice(0, 8)}.pdf`, base64: pdf.toString('base64') };
    },
    'files.thumbnail': ({ sha256 }) => requireSession().files.thumbnail(sha256),
    'files.pending': () => requireSession().files.pending(),
    'aftersales.counts': () => requireSession().aftersales.counts(),
    'aftersales.notices': () => requireSession().aftersales.notices(),
    'aftersales.seen': ({ keys }) => {
      requireSession().aftersales.seen(keys);
      return null;
    },
    'orders.explainPrice': ({ orderId, lineId }) => {
      const s = requireSession();
      const line = s.replica.sqlite
        .prepare(
          `SELECT l.item_id AS itemId, l.quantity, l.price, l.price_source AS priceSource, i.article, i.vat_rate AS vatRate, pt.with_vat AS withVat, coalesce(pt.name, '') AS priceType
        FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN clients c ON c.id = o.client_id LEFT JOIN items i ON i.id = l.item_id LEFT JOIN price_types pt ON pt.id = c.price_type_id
        WHERE l.id = ? AND l.order_id = ?`,
        )
        .get(lineId, orderId) as
        | {
            itemId: number;
            quantity: string;
            price: string;
            priceSource: string;
            article: string | null;
            vatRate: string | null;
            withVat: number | null;
            priceType: string;
          }
        | undefined;
      if (!line) throw new CodedError('not_found', `No line ${lineId} in order ${orderId}`);
      const now = s.pricing.explain(orderId, line.itemId, String(line.quantity));
      return {
        article: line.article ?? '?',
        quantity: String(line.quantity),
        stored: String(line.price),
        storedSource: line.priceSource,
        now: now?.unitPrice ?? null,
        nowSource: now?.source ?? null,
        vat: now?.vat ?? null,
        vatRate: String(line.vatRate ?? '0'),
        withVat: line.withVat !== 0,
        priceType: line.priceType,
        trace: now?.trace ?? [],
      };
    },
    'orders.list': ({ article }) => requireSession().orders.list(article),
    'orders.get': ({ id, linesLimit }) => {
      const s = requireSession();
      return { ...s.orders.get(id, linesLimit), ...s.editing.labels(id) };
    },
    'orders.lines': ({ orderId, ids }) => requireSession().orders.lines(orderId, ids),
    'orders.create': (args) => {
      const id = randomUUID();
      return { id, ...mutate(requireSession(), 'order.create@1', { orderId: id, ...args }) };
    },
    'orders.setHeader': ({ orderId, ...fields }) => {
      // A date typed as people write it (1.12.2026) or picked (2026-12-01); empty clears it.
      let date = fields.deliveryDate;
      if (typeof date === 'string') {
        date = date.trim() === '' ? null : typedDate(date);
        if (date === null) throw new CodedError('bad_input', `Not a date: ${fields.deliveryDate}`);
      }
      return mutate(requireSession(), 'order.setHeader@1', {
        orderId,
        ...fields,
        ...(date === undefined ? {} : { deliveryDate: date }),
      });
    },
    // Every line edit goes through the editing service: checked whole, one transaction, undoable.
    // An edit that changes nothing queues nothing (seq 0).
    'orders.setLines': ({ orderId, lines }) => ({
      seq: requireSession().editing.apply(orderId, 'edit', { set: lines, remove: [] }).seqs[0] ?? 0,
    }),
    'orders.removeLines': ({ orderId, lineIds }) => ({
      seq: requireSession().editing.apply(orderId, 'delete', { set: [], remove: lineIds }).seqs[0] ?? 0,
    }),
    'orders.updateLine': ({ orderId, lineId, patch }) => {
      const s = requireSession();
      return {
        seq:
          s.editing.apply(orderId, 'edit', { set: [s.orders.patchedLine(orderId, lineId, patch)], remove: [] })
            .seqs[0] ?? 0,
      };
    },
    'orders.updateLines': ({ orderId, lineIds, patch }) => {
      const s = requireSession();
      return s.editing.apply(orderId, 'fill', {
        set: lineIds.map((lineId) => s.orders.patchedLine(orderId, lineId, patch)),
        remove: [],
      });
    },
    'orders.addLines': ({ orderId, lines, label }) => {
      const s = requireSession();
      const inputs = s.orders.newLines(orderId, lines);
      return { added: inputs.length, seqs: s.editing.apply(orderId, label, { set: inputs, remove: [] }).seqs };
    },
    'orders.patchLines': ({ orderId, patches, mode, label }) =>
      requireSession().editing.patch(orderId, patches, mode, label),
    'orders.bulk': ({ orderId, lineIds, action }) => requireSession().editing.bulk(orderId, lineIds, action),
    'orders.undo': ({ orderId }) => requireSession().editing.undo(orderId),
    'orders.redo': ({ orderId }) => requireSession().editing.redo(orderId),
    'orders.previewLines': ({ orderId, rows }) => requireSession().intake.preview(orderId, rows),
    'orders.repeat': ({ id }) => requireSession().operations.repeat(id),
    'orders.merge': ({ targetId, otherIds }) => requireSession().operations.merge(targetId, otherIds),
    'orders.split': ({ id, by }) => requireSession().operations.split(id, by),
    'excel.readLines': async ({ orderId, data, sheet, mapping }) => {
      const s = requireSession();
      const file = await readOrderFile(Buffer.from(data, 'base64'), { sheet, mapping });
      const { rows, ...layout } = file;
      return { ...layout, lines: s.intake.preview(orderId, rows) };
    },
    'excel.exportOrders': async ({ ids, lang }) => {
      const s = requireSession();
      const orders = ids.map((id) => s.orders.get(id));
      const names = new Map(
        (s.replica.sqlite.prepare('SELECT id, name FROM warehouses').all() as { id: number; name: string }[]).map(
          (w) => [w.id, w.name],
        ),
      );
      const data = await writeOrders(orders, exportTexts(lang ?? options.locale), (id) => names.get(id) ?? String(id));
      const first = orders[0]!;
      return {
        fileName: `${exportTexts(lang ?? options.locale).fileName(orders.length === 1 ? (first.number ?? first.id.slice(0, 8)) : String(orders.length))}.xlsx`,
        data: data.toString('base64'),
      };
    },
    'excel.template': async ({ lang }) => ({
      fileName: `${templateTexts(lang ?? options.locale).fileName}.xlsx`,
      data: (await writeTemplate(templateTexts(lang ?? options.locale))).toString('base64'),
    }),
    'orders.submitCheck': ({ id }) => requireSession().orders.submitCheck(id),
    'orders.submit': ({ id, checkDigest }) => {
      const s = requireSession();
      // Not queued at all while something needs a reason or a supervisor: the server would refuse it anyway.
      const blocks = s.orders.blocks(id);
      if (blocks.length) throw new CodedError('needs_approval', JSON.stringify(blocks.slice(0, 50)));
      return mutate(s, 'order.submit@1', { orderId: id, checkDigest });
    },
    'orders.cancel': ({ id, reason }) => mutate(requireSession(), 'order.cancel@1', { orderId: id, reason }),
    'erp.outbox': async ({ status }) =>
      (
        await serverApi<{ messages: MethodOutput<'erp.outbox'> }>(
          requireSession(),
          'GET',
          `/api/erp/outbox?status=${status}`,
        )
      ).messages,
    'erp.decide': async (args) => {
      await serverApi(requireSession(), 'POST', '/api/erp/outbox/decide', args);
      return null;
    },
    'erp.refreshReceivables': async ({ clientIds }) => {
      const s = requireSession();
      const result = await serverApi<{ updated: number }>(s, 'POST', '/api/erp/receivables', { clientIds });
      s.sync.pull();
      return { updated: result.updated };
    },
    'sync.problems': () => {
      const s = requireSession();
      const entries = s.changes.entries();
      return {
        pending: entries
          .filter((e) => e.status === 'pending')
          .map(({ seq, mutation, aggregate, createdAt }) => ({ seq, mutation, aggregate, createdAt })),
        rejected: entries
          .filter((e) => e.status === 'rejected')
          .map(({ seq, mutation, aggregate, args, errorCode, errorMessage, createdAt }) => ({
            seq,
            mutation,
            aggregate,
            args,
            code: errorCode ?? '',
            message: errorMessage ?? '',
            createdAt,
          })),
        conflicts: conflictRows(s).map((r) => ({
          id: r.id,
          kind: r.kind,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
          createdAt: r.created_at,
        })),
      };
    },
    'sync.retry': ({ seq }) => {
      const s = requireSession();
      const result = s.changes.retry(seq);
      if (!result.ok) throw new CodedError(result.code === 'not_found' ? 'not_found' : 'bad_input', result.message);
      emit('replica.changed', changedPayload(result.changed));
      emitStatus(true);
      s.sync.push();
      return { seq: result.seq };
    },
    'sync.discard': ({ seq }) => {
      requireSession().changes.discard(seq);
      emitStatus(true);
      return null;
    },
    'sync.dismissConflict': ({ id }) => {
      const s = requireSession();
      s.replica.setState('dismissed_conflicts', JSON.stringify([...dismissed(s), id].slice(-1000)));
      emitStatus(true);
      return null;
    },
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status,
    async close() {
      if (statusTimer) clearTimeout(statusTimer);
      if (checkpointTimer) clearInterval(checkpointTimer);
      if (session) {
        await session.sync.stop();
        session.replica.close();
        session = null;
      }
    },
  };
}
