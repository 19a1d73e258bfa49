// Errors of claims, tickets and files in the user's words: the core's coded messages
// ("over_shipped:…", "stale:…", "file_type:…") become translated sentences with their figures.
import type { TFunction } from 'i18next';
import { formatSize } from './format-size';

const CODED = new Set([
  'over_shipped',
  'stale',
  'forbidden_step',
  'not_your_step',
  'needs_comment',
  'needs_resolution',
  'resolution_amount',
  'too_many_files',
  'ticket_closed',
  'closed',
  'fields',
  'file_type',
  'too_large',
  'too_many',
  'hash_mismatch',
  'file_not_here_offline',
  'assignee_out_of_scope',
  'empty',
]);

export function errorText(t: TFunction, e: unknown): string {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? '';
  const [head, ...rest] = message.split(':');
  if (head && CODED.has(head)) {
    const a = rest;
    const params =
      (
        {
          over_shipped: { quantity: a[1], left: a[2], shipped: a[3] },
          stale: {
            status: t(`claims.statuses.${a[0]}`, {
              defaultValue: t(`tickets.statuses.${a[0]}`, { defaultValue: a[0] ?? '' }),
            }),
          },
          resolution_amount: { amount: a[0], max: a[1] },
          too_many_files: { max: a[0] },
          fields: {
            field: t(`tickets.fields.${a[0]?.trim()}`, { defaultValue: a[0] ?? '' }),
            problem: a.slice(1).join(':').trim(),
          },
          file_type: { kind: a.join(':') || '?' },
          too_large: { size: a[0] ? formatSize(Number(a[0])) : '', max: a[1] ? formatSize(Number(a[1])) : '200 MB' },
        } as Record<string, Record<string, string | undefined>>
      )[head] ?? {};
    return t(`aftersales.errors.${head}`, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v ?? ''])));
  }
  return t(`errors.${err.code ?? 'internal'}`, { message });
}
