// A notification in the user's words: its title and line from the kind and the figures the
// server put in it (numbers, names, reasons), and where clicking it goes.
import type { TFunction } from 'i18next';
import type { NotificationItem } from '../../../domain/contract';
import { formatTime } from '../shared/format';

export type JumpTarget = { screen: 'orders' | 'tickets' | 'clients'; id: string };

export function notificationWords(t: TFunction, n: NotificationItem): { title: string; text: string } {
  const p = n.params as Record<string, string | number | null | undefined>;
  const figures = {
    number: p.number ?? '—',
    erpNumber: p.erpNumber ?? '—',
    // The other order of a merge.
    other: p.other ?? '—',
    client: p.client ?? '',
    reason: p.reason ?? '',
    subject: p.subject ?? '',
    to: p.to ?? '',
    overdue: p.overdue ?? '',
    limit: p.limit ?? '',
    comment: p.comment ? ` · ${String(p.comment)}` : '',
    decision: t(`notifications.decision.${p.status === 'approved' ? 'approved' : 'rejected'}`),
    minutes: p.minutes ?? '',
    clock: p.clock ? t(`tickets.columns.${String(p.clock)}`) : '',
    lines: p.lines ?? '',
    until: typeof p.until === 'string' ? formatTime(p.until) : '',
  };
  return { title: t(`notifications.title.${n.kind}`, figures), text: t(`notifications.text.${n.kind}`, figures) };
}

export const jumpOf = (n: NotificationItem): JumpTarget => ({
  screen: n.refKind === 'order' ? 'orders' : n.refKind === 'ticket' ? 'tickets' : 'clients',
  id: n.refId,
});

export const NOTIFICATION_COLOR: Record<NotificationItem['kind'], string> = {
  'order.accepted': 'teal',
  'order.refused': 'red',
  'order.shipped': 'blue',
  'approval.decided': 'grape',
  'client.overdue': 'orange',
  'mail.in': 'indigo',
  'mail.bounced': 'red',
  'ticket.sla': 'orange',
  'reserve.expiring': 'orange',
  'reserve.released': 'gray',
  'reserve.refused': 'red',
  'preorder.secured': 'teal',
  'order.merged': 'teal',
  'order.mergeRefused': 'red',
};
