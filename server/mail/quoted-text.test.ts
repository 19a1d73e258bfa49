import { describe, expect, it } from 'vitest';
import { trimQuoted } from './quoted-text';

describe('the new text of a reply', () => {
  it('drops a Russian Gmail-style quote and its header', () => {
    const t =
      'Спасибо, получили. Пришлите акт.\n\nС уважением,\nИван\n\nчт, 3 дек. 2026 г. в 10:15, Opta <desk@opta.test>:\n> Добрый день!\n> Заказ отгружен.\n';
    expect(trimQuoted(t)).toBe('Спасибо, получили. Пришлите акт.\n\nС уважением,\nИван');
  });
  it('drops Outlook and Mail.ru quote headers', () => {
    expect(trimQuoted('Получили\n\n-----Original Message-----\nFrom: x\nSubject: y\n\nold')).toBe('Получили');
    expect(trimQuoted('Да, верно.\n\n03.12.2026 10:15, Opta пишет:\n> old')).toBe('Да, верно.');
    expect(trimQuoted('Ок\r\n\r\nOn Thu, Dec 3, 2026 at 10:15 AM Opta <desk@opta.test> wrote:\r\n> hello')).toBe('Ок');
  });
  it('keeps a message that is all quote rather than show nothing', () => {
    expect(trimQuoted('> only a quote')).toBe('> only a quote');
  });
});
