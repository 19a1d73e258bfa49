// What the client wrote this time, without the letters quoted below it: email-reply-parser finds
// the quoted part ("> " lines, "On … wrote:", "-----Original Message-----"); the line that
// introduces a quote in Russian mail programs ("3 дек. 2026 г., в 10:15, Opta <…>:",
// "… пишет:", "… написал(а):") is cut here, since the parser knows only English ones.
import EmailReplyParser from 'email-reply-parser';

const QUOTE_HEADER = [
  /(пишет|написал|написала|написал\(а\)|wrote)\s*:\s*$/iu,
  /<[^<>\s]+@[^<>\s]+>\s*:\s*$/u,
  /^-{2,}\s*(Исходное сообщение|Пересылаемое сообщение|Original Message|Forwarded message)\s*-{2,}/iu,
  /^(От|From):\s.+/iu,
];

export function trimQuoted(text: string): string {
  const visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText();
  const lines = visible.split('\n');
  // Cut at the first quote header from the bottom half up: a "From:" in the first line is not one.
  const cut = lines.findIndex((l, i) => i > 0 && QUOTE_HEADER.some((re) => re.test(l.trim())));
  const kept = cut === -1 ? lines : lines.slice(0, cut);
  const out = kept.join('\n').trim();
  return out || text.trim();
}
