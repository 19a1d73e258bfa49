// What the server could not take from 1C, in the admin's language: the server records its reasons
// in one fixed wording (for the log and the 1C developer, who sees them in the tooltip as they
// are); the known ones are said here in the user's words with their figures, the rest as sent.
import type { TFunction } from 'i18next';

const WHAT = ['client', 'item', 'warehouse', 'price type', 'manager', 'supervisor', 'order'] as const;

const RULES: [RegExp, (t: TFunction, m: RegExpExecArray) => string][] = [
  [
    /^unknown (client|item|warehouse|price type|manager|supervisor|order) (.+)$/,
    (t, m) => t('inbound.msg.unknown', { what: t(`inbound.what.${WHAT.indexOf(m[1] as never)}`), code: m[2] }),
  ],
  [/^order (.+) is of another client$/, (t, m) => t('inbound.msg.otherClient', { order: m[1] })],
  [/^an order of a desk has this id$/, (t) => t('inbound.msg.deskOrder')],
  [
    /^feed went backwards: cursor (\d+) after (\d+)$/,
    (t, m) => t('inbound.msg.backwards', { cursor: m[1], since: m[2] }),
  ],
  [/^page repeats (\d+) record/, (t, m) => t('inbound.msg.pageRepeats', { count: Number(m[1]) })],
  [/^page's next (.+) goes backwards$/, (t, m) => t('inbound.msg.nextBackwards', { next: m[1] })],
  [/^login (\S+) belongs to user (\d+)$/, (t, m) => t('inbound.msg.login', { login: m[1], user: m[2] })],
  [/^not a PDF: (.+)$/, (t, m) => t('inbound.msg.notPdf', { kind: m[1] })],
  [/^hash mismatch/, (t) => t('inbound.msg.hashMismatch')],
  [/^size (\d+) bytes$/, (t, m) => t('inbound.msg.size', { size: m[1] })],
  [/^retire: key lacks (.+)$/, (t, m) => t('inbound.msg.retireKey', { field: m[1] })],
  // A record that does not parse: the field's path and the schema's words.
  [/^([A-Za-z][\w.]*): (.+)$/, (t, m) => t('inbound.msg.field', { field: m[1], problem: m[2] })],
];

export function inboundMessage(t: TFunction, message: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return say(t, m);
  }
  return message;
}
