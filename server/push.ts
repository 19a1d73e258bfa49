// Push: a desk's mutations applied in sequence order, each in one transaction together with the
// record of its sequence number and its answer, so a re-sent mutation is a no-op that gets the
// same answer (exactly-once effect). Writers take one advisory lock, so row versions commit in
// order and `sync_head` is always a version below which everything has committed.
import { MANAGER_SCOPED, rowAudience, type Audience, type Directory } from './audience';
import { runMutation, mutationAggregate, mutationReads } from '../domain/sync/mutations';
import { refId, type FieldConflict, type Row } from '../domain/sync/mutation-def';
import type { SessionUser } from '../domain/roles';
import type { PushedMutation } from '../domain/sync/sync-protocol';
import { auditEntries } from './price-audit';
import type { SyncTableName } from '../domain/sync/sync-tables';
import { recordAudit } from './accounts/admin-audit';
import { foreignAttachments } from './attachments/attachment-rights';
import { directoryFor, readRows, scopeMove, takeVersions, WRITE_LOCK, writeRows, type Query } from './row-store';
import { enqueueAftersalesMessage } from './aftersales/erp-messages';
import { enqueueClientMessage } from './clients/erp-messages';
import { enqueueMail } from './mail/mail-outbox';
import { approvalDecided } from './notifications/notices';
import { enqueueOrderMessage } from './orders/order-messages';
import { blocksOnServer, checkOrderOnServer } from './orders/submit-check';
import type { CentralStore } from './store';

export interface PushResult {
  seq: number;
  /** `conflict`: applied, and it overwrote another user's newer value (both are told). */
  status: 'applied' | 'rejected' | 'conflict';
  code?: string;
  message?: string;
}

export interface PushOutcome {
  results: PushResult[];
  /** Audiences of everything committed, for pokes. */
  audiences: Audience[];
  head: number;
  /** The store failed on a mutation (not the mutation's fault): it and those after it got no answer. */
  failed?: boolean;
}

async function notifyConflicts(query: Query, user: SessionUser, conflicts: FieldConflict[]): Promise<Audience[]> {
  const audiences: Audience[] = [];
  for (const c of conflicts) {
    const payload = {
      table: c.table,
      key: c.key,
      field: c.field,
      overwrittenValue: c.overwrittenValue,
      newValue: c.newValue,
      byUserId: user.id,
      byName: user.name,
      overwrittenUserId: c.overwrittenUserId,
    };
    await query(
      `INSERT INTO sync_notices (user_id, kind, payload) VALUES ($1, 'overwritten', $2::jsonb), ($3, 'overwrote', $2::jsonb)`,
      [c.overwrittenUserId, JSON.stringify(payload), user.id],
    );
    audiences.push([c.overwrittenUserId, user.id]);
  }
  return audiences;
}

export async function applyPush(
  store: CentralStore,
  user: SessionUser,
  clientId: string,
  mutations: PushedMutation[],
  now: () => Date = () => new Date(),
  onError?: (err: unknown) => void,
): Promise<PushOutcome> {
  const results: PushResult[] = [];
  const audiences: Audience[] = [];
  const rejectedAggregates = new Set<string>();
  let head = 0;
  const sorted = [...mutations].sort((a, b) => a.seq - b.seq);
  for (const m of sorted) {
    const result = await store
      .transaction(async (tx) => {
        const query = tx.query as Query;
        // Registers the desk on first sight and locks its row (its sequence) in one statement.
        const [desk] = await query<{ user_id: number; last_seq: number }>(
          `INSERT INTO desk_clients (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO UPDATE SET client_id = EXCLUDED.client_id RETURNING user_id, last_seq`,
          [clientId, user.id],
        );
        if (desk!.user_id !== user.id)
          return {
            seq: m.seq,
            status: 'rejected',
            code: 'forbidden',
            message: 'This desk belongs to another user',
            stop: true,
          } as const;
        if (m.seq <= desk!.last_seq) {
          // Already done: the same answer again, and no second effect.
          const [logged] = await query<{ status: PushResult['status']; code: string | null; message: string | null }>(
            `SELECT status, code, message FROM mutation_log WHERE client_id = $1 AND seq = $2`,
            [clientId, m.seq],
          );
          return {
            seq: m.seq,
            status: logged?.status ?? 'applied',
            code: logged?.code ?? undefined,
            message: logged?.message ?? undefined,
            duplicate: true,
          } as const;
        }
        if (m.seq > desk!.last_seq + 1)
          return {
            seq: m.seq,
            status: 'rejected',
            code: 'sequence_gap',
            message: `Expected mutation ${desk!.last_seq + 1}, got ${m.seq}`,
            stop: true,
          } as const;

        const aggregate = mutationAggregate(m.name, m.args);
        let outcome: { status: PushResult['status']; code?: string; message?: string; locked?: boolean };
        if (rejectedAggregates.has(aggregate)) {
          outcome = {
            status: 'rejected',
            code: 'depends_on_rejected',
            message: `An earlier change to ${aggregate} was rejected`,
          };
        } else {
          outcome = await applyOne(query, user, m, now());
        }
        const bookkeeping = [
          clientId,
          m.seq,
          m.name.slice(0, 100),
          outcome.status,
          outcome.code ?? null,
          outcome.message ?? null,
        ];
        const book = `WITH d AS (UPDATE desk_clients SET last_seq = $2, last_seen_at = now() WHERE client_id = $1),
              l AS (INSERT INTO mutation_log (client_id, seq, name, status, code, message) VALUES ($1, $2, $3, $4, $5, $6))`;
        if (outcome.locked) {
          // Sequence, answer and head in one statement. The head moves only under the write lock:
          // moved by anyone else it could pass a version whose transaction has not committed.
          const [booked] = await query<{ version: string }>(
            `${book} UPDATE sync_head SET version = GREATEST(version, (SELECT last_value FROM row_version)) WHERE id = 1 RETURNING version`,
            bookkeeping,
          );
          head = Number(booked?.version ?? 0);
        } else {
          await query(`${book} SELECT 1`, bookkeeping);
        }
        delete outcome.locked;
        if (outcome.status === 'rejected') rejectedAggregates.add(aggregate);
        return { seq: m.seq, ...outcome };
      })
      .catch((err: unknown) => {
        // Not the mutation's fault (store down, deadlock): no answer, so the desk keeps it and resends.
        onError?.(err);
        return null;
      });
    if (!result) return { results, audiences, head, failed: true };
    const { stop, duplicate: _d, ...answer } = result as PushResult & { stop?: boolean; duplicate?: boolean };
    results.push(answer);
    if (stop) break;
  }
  return { results, audiences, head };

  async function applyOne(
    query: Query,
    u: SessionUser,
    m: PushedMutation,
    at: Date,
  ): Promise<{ status: PushResult['status']; code?: string; message?: string; locked?: boolean }> {
    const reads = mutationReads(m.name, m.args);
    const directory: Directory = await directoryFor(query);
    const rows = await readRows(query, reads);
    for (const ref of reads) {
      const row = rows.get(refId(ref));
      // A row outside the user's scope is refused for reading and writing alike.
      if (row && MANAGER_SCOPED.has(ref.table) && !inScope(ref.table, row, directory, u)) {
        return { status: 'rejected', code: 'out_of_scope', message: `${ref.table} ${ref.key} is not in your scope` };
      }
    }
    if (m.name === 'order.submit@1') {
      const refused = await recheckSubmit(query, m.args, rows);
      if (refused) return refused;
    }
    // Row locks (FOR UPDATE above) order changes to the same rows; the write lock, held from the
    // first version taken to commit, makes versions commit in order. Taken as late as possible.
    await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    const [{ v }] = (await query<{ v: string }>(`SELECT nextval('row_version') AS v`)) as [{ v: string }];
    const firstVersion = Number(v);
    const outcome = runMutation(m.name, m.args, rows, {
      userId: u.id,
      role: u.role,
      now: at.toISOString(),
      writeVersion: firstVersion,
    });
    if (!outcome.ok) return { status: 'rejected', code: outcome.code, message: outcome.message, locked: true };
    // Every check before the first write: a rejected mutation leaves no trace but its answer.
    if (outcome.writes.some((w) => w.row && !inScope(w.table, w.row, directory, u)))
      return {
        status: 'rejected',
        code: 'out_of_scope',
        message: 'The change would move the row out of your scope',
        locked: true,
      };
    const foreign = await foreignAttachments(query, u, outcome.writes, (ref) => rows.get(ref) ?? null);
    if (foreign.length)
      return {
        status: 'rejected',
        code: 'forbidden',
        message: `file_not_yours:${foreign[0]}`,
        locked: true,
      };
    const versions = [firstVersion, ...(await takeVersions(query, outcome.writes.length - 1))];
    await writeRows(query, outcome.writes, versions);
    // People who could see a row before but not after are told to drop it.
    for (const w of outcome.writes)
      audiences.push(await scopeMove(query, w.table, w.key, rows.get(`${w.table}|${w.key}`) ?? null, w.row, directory));
    // The audit of prices commits with the change, written here so no desk can leave it out.
    const audit = auditEntries(outcome.writes, (ref) => rows.get(ref) ?? null, { userId: u.id, now: at.toISOString() });
    if (audit.length) {
      await query(
        `INSERT INTO price_audit (at, user_id, manager_id, entity, entity_key, order_id, old, new, reason, version)
        SELECT x.at, x.user_id, x.manager_id, x.entity, x.entity_key, x.order_id, x.old, x.new, x.reason, nextval('row_version')
        FROM jsonb_to_recordset($1::jsonb) AS x(at text, user_id int, manager_id int, entity text, entity_key text, order_id text, old jsonb, new jsonb, reason text)`,
        [JSON.stringify(audit)],
      );
      for (const e of audit) audiences.push(rowAudience('price_audit', e as unknown as Row, directory));
    }
    // An admin's reassignment of a client is in the admins' audit log, committed with it.
    if (m.name === 'client.reassign@1')
      for (const w of outcome.writes) {
        const was = rows.get(`${w.table}|${w.key}`);
        await recordAudit(
          query,
          {
            actorId: u.id,
            action: 'client.reassign',
            target: `client:${w.key}`,
            before: { managerId: was?.manager_id ?? null },
            after: { managerId: w.row?.manager_id ?? null },
          },
          at,
        );
      }
    // The manager who asked hears the supervisor's decision, wherever they are in the desk.
    if (m.name === 'priceApproval.decide@1')
      for (const w of outcome.writes.filter((x) => x.table === 'price_approvals' && x.row))
        audiences.push(...(await approvalDecided(query, w.row!, at)).audiences);
    // The ERP's message commits with the change that caused it, or neither does.
    for (const effect of outcome.erp ?? []) {
      if ('orderId' in effect) await enqueueOrderMessage(query, effect);
      else if (effect.method === 'client.update') await enqueueClientMessage(query, effect);
      else await enqueueAftersalesMessage(query, effect);
    }
    // So does the e-mail to the client: no answer is recorded without its letter, or sent without its record.
    for (const effect of outcome.mail ?? []) audiences.push(...(await enqueueMail(query, effect, directory, at)));
    audiences.push(...(await notifyConflicts(query, u, outcome.conflicts)));
    return outcome.conflicts.length
      ? {
          status: 'conflict',
          code: 'overwrote_newer',
          message: outcome.conflicts.map((c) => c.field).join(', '),
          locked: true,
        }
      : { status: 'applied', locked: true };
  }
}

/**
 * At submit the server checks the order against the freshest ERP prices and stock it has; the
 * manager confirmed a check on the desk, and only the same differences may go through.
 */
async function recheckSubmit(
  query: Query,
  args: unknown,
  rows: ReadonlyMap<string, Row | null>,
): Promise<{ status: 'rejected'; code: string; message: string } | null> {
  const a = args as { orderId?: unknown; checkDigest?: unknown };
  const order = typeof a.orderId === 'string' ? rows.get(`orders|${a.orderId}`) : null;
  if (!order || (order.status !== 'draft' && order.status !== 'rejected')) return null;
  // Prices below floor, overrides without a reason, credit over the limit: not without a supervisor.
  const blocks = await blocksOnServer(query, String(a.orderId));
  if (blocks.length)
    return {
      status: 'rejected',
      code: 'needs_approval',
      message: JSON.stringify({ count: blocks.length, blocks: blocks.slice(0, 200) }),
    };
  const check = await checkOrderOnServer(query, String(a.orderId));
  if (!check || check.digest === a.checkDigest) return null;
  const shown = check.differences.slice(0, 200);
  return {
    status: 'rejected',
    code: 'check_changed',
    message: JSON.stringify({
      digest: check.digest,
      totalEffect: check.totalEffect,
      count: check.differences.length,
      differences: shown,
    }),
  };
}

function inScope(table: SyncTableName, row: Row, directory: Directory, user: SessionUser): boolean {
  // Admins edit everything; reassignment moves a client to another manager and must stay allowed.
  if (user.role === 'admin') return true;
  const audience = rowAudience(table, row, directory);
  return audience === 'everyone' || audience.includes(user.id);
}
