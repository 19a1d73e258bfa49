// Who may have a file: the one who uploaded it, and whoever sees a claim or ticket message that
// carries it. And so a claim or message may carry only files of its author's: ones they uploaded,
// can read already, or that are not on the server yet (a desk attaches offline and uploads later).
// Otherwise anyone who learnt a file's hash could attach it to a claim of their own and read it.
import type { SessionUser } from '../../domain/roles';
import type { Row } from '../../domain/sync/mutation-def';
import type { Query } from '../query';
import { scopeCondition } from '../scope';

/** Whether the user may read the file: it is on a claim or message in their scope, or they brought it. */
export async function mayReadFile(query: Query, sha: string, user: SessionUser): Promise<boolean> {
  const ref = JSON.stringify([{ sha256: sha }]);
  // Both scope conditions take the same parameters (the user's id) from $2 on; the reference follows them.
  const claims = scopeCondition('claims', user, 2);
  const messages = scopeCondition('ticket_messages', user, 2);
  const [row] = await query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM attachment_files WHERE sha256 = $1 AND uploaded_by = ${Number(user.id)})
        OR EXISTS (SELECT 1 FROM claims t WHERE NOT t.deleted AND t.attachments @> $${2 + claims.params.length}::jsonb AND ${claims.where})
        OR EXISTS (SELECT 1 FROM ticket_messages t WHERE NOT t.deleted AND t.attachments @> $${2 + claims.params.length}::jsonb AND ${messages.where}) AS ok`,
    [sha, ...claims.params, ref],
  );
  return row?.ok === true;
}

const shasOf = (row: Row | null | undefined): Set<string> => {
  const list = row?.attachments;
  const parsed = typeof list === 'string' ? (JSON.parse(list) as unknown) : list;
  return new Set(
    (Array.isArray(parsed) ? parsed : [])
      .map((a) => (a as { sha256?: unknown }).sha256)
      .filter((s): s is string => typeof s === 'string'),
  );
};

/**
 * Files a change would newly attach to claims or ticket messages that are on the server but not
 * the user's to give (uploaded by someone else, and out of the user's sight).
 */
export async function foreignAttachments(
  query: Query,
  user: SessionUser,
  writes: { table: string; key: string; row: Row | null }[],
  before: (ref: string) => Row | null,
): Promise<string[]> {
  const added = new Set<string>();
  for (const w of writes) {
    if (w.table !== 'claims' && w.table !== 'ticket_messages') continue;
    const had = shasOf(before(`${w.table}|${w.key}`));
    for (const sha of shasOf(w.row)) if (!had.has(sha)) added.add(sha);
  }
  if (added.size === 0) return [];
  const known = await query<{ sha256: string; uploaded_by: number }>(
    `SELECT sha256, uploaded_by FROM attachment_files WHERE sha256 = ANY($1::text[])`,
    [[...added]],
  );
  const foreign: string[] = [];
  for (const f of known)
    if (f.uploaded_by !== user.id && !(await mayReadFile(query, f.sha256, user))) foreign.push(f.sha256);
  return foreign;
}
