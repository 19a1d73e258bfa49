// The notification centre's vocabulary: the kinds of news a person waits for, what each opens,
// and which ones a person may mute (all of them: muted ones still go into the history).
export const NOTIFICATION_KINDS = [
  'order.accepted',
  'order.refused',
  'order.shipped',
  'approval.decided',
  'client.overdue',
  'mail.in',
  'mail.bounced',
  'ticket.sla',
  'reserve.expiring',
  'reserve.released',
  'reserve.refused',
  'preorder.secured',
  'order.merged',
  'order.mergeRefused',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_REFS = ['order', 'ticket', 'client'] as const;
export type NotificationRef = (typeof NOTIFICATION_REFS)[number];

/** The bell keeps this many; older ones drop out of the list (the rows stay on the server). */
export const NOTIFICATION_HISTORY = 200;
