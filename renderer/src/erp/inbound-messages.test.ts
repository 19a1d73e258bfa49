import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ru } from '../locales/ru';
import { inboundMessage } from './inbound-messages';

beforeAll(async () => {
  await i18next.init({ lng: 'ru', resources: { ru: { translation: ru } }, interpolation: { escapeValue: false } });
});

describe("the server's reasons in the admin's words", () => {
  it('says the known ones in Russian with their figures and keeps the rest as sent', () => {
    const t = i18next.t.bind(i18next);
    expect(inboundMessage(t, 'unknown price type 7')).toBe(
      'Неизвестный код: вид цен 7 (в 1С есть, у сервера ещё нет или удалён)',
    );
    expect(inboundMessage(t, 'feed went backwards: cursor 10 after 12')).toBe(
      'Позиция потока пошла назад: 10 после 12 — поток не читается дальше',
    );
    expect(inboundMessage(t, 'not a PDF: text/plain')).toBe('Печатная форма не PDF (text/plain)');
    expect(inboundMessage(t, 'date: a date YYYY-MM-DD')).toBe('Поле date: a date YYYY-MM-DD');
    expect(inboundMessage(t, 'Что-то совсем новое')).toBe('Что-то совсем новое');
  });
});
