// English texts of the notification centre (see notifications-ru.ts).
import type { notificationsRu } from './notifications-ru';

export const notificationsEn: typeof notificationsRu = {
  bell: 'Notifications',
  empty: "No notifications yet. 1C's answers on orders, approval decisions and clients' e-mails appear here.",
  readAll: 'Mark all read',
  settings: 'What to show',
  settingsHint: 'Turned-off kinds do not pop up but stay in the list.',
  desktop: 'Show on the desktop',
  desktopOn: 'Shown on the desktop',
  desktopBlocked: 'The browser blocked desktop notifications',
  back: 'Back',
  kinds: {
    'order.accepted': '1C accepted an order',
    'order.refused': '1C refused an order',
    'order.shipped': 'Order shipped',
    'approval.decided': 'Approval decided',
    'client.overdue': "Client's overdue debt over the limit",
    'mail.in': "Client's e-mail",
    'mail.bounced': 'E-mail to a client not delivered',
  },
  title: {
    'order.accepted': 'Order {{number}} accepted by 1C',
    'order.refused': 'Order {{number}} refused by 1C',
    'order.shipped': 'Order {{number}} shipped',
    'approval.decided': 'Order {{number}}: {{decision}}',
    'client.overdue': '{{client}}: overdue debt over the limit',
    'mail.in': 'E-mail from {{client}}',
    'mail.bounced': 'E-mail not delivered · {{client}}',
  },
  text: {
    'order.accepted': '{{client}} · 1C number {{erpNumber}}',
    'order.refused': '{{client}} · {{reason}}',
    'order.shipped': '{{client}} · {{erpNumber}}',
    'approval.decided': '{{client}}{{comment}}',
    'client.overdue': 'Overdue {{overdue}} with a limit of {{limit}}',
    'mail.in': 'Request {{number}} · {{subject}}',
    'mail.bounced': '{{to}}: {{reason}}',
  },
  decision: { approved: 'approved', rejected: 'refused' },
};
