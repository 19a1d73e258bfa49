import { describe, expect, it } from 'vitest';
import { MailAddress, ticketMark, ticketNumberIn } from './mail-effects';

describe('mail marks and addresses', () => {
  it('finds a ticket mark in a reply subject, Cyrillic or Latin, after Re:/Ответ:', () => {
    expect(ticketNumberIn(`Re: ${ticketMark('1234')} Не пришёл товар`)).toBe('1234');
    expect(ticketNumberIn('Ответ: [T-77] вопрос')).toBe('77');
    expect(ticketNumberIn('[т 5] x')).toBe('5');
    expect(ticketNumberIn('Заказ 1234')).toBeNull();
  });
  it('takes one address, trimmed and lower-cased; refuses anything else', () => {
    expect(MailAddress.parse('  Ivan@Romashka.RU ')).toBe('ivan@romashka.ru');
    expect(MailAddress.safeParse('Иван <ivan@romashka.ru>').success).toBe(false);
    expect(MailAddress.safeParse('a@b.ru, c@d.ru').success).toBe(false);
  });
});
