// The claim form's template: parties, every claimed line with its exact amount, the decision and
// the history in Moscow time, photos four to a row.
import { describe, expect, it } from 'vitest';
import { claimFormDocument, rubles, type ClaimFormInput } from './claim-form';

const input: ClaimFormInput = {
  claim: {
    number: 'РК-000017',
    orderNumber: 'З-004211',
    status: 'approved',
    defectType: 'defect',
    description: 'Трещины корпуса',
    amount: '1234567.5',
    resolution: 'credit_note',
    resolutionAmount: '1000.05',
    createdAt: '2026-11-20T07:30:00.000Z',
    managerName: 'Иванова А.',
    erpNumber: 'ПР-55',
    lines: [
      { article: 'К561ЛА7', name: 'Микросхема', shipped: '100', quantity: '2.5', amount: '1234560.1' },
      { article: 'КТ315Б', name: 'Транзистор', shipped: '10', quantity: '1', amount: '7.4' },
    ],
    history: [
      { status: 'new', at: '2026-11-20T07:30:00.000Z', by: 'Иванова А.', comment: '' },
      { status: 'approved', at: '2026-11-20T12:05:00.000Z', by: 'Петров П.', comment: 'Фото убедительны' },
    ],
    attachments: [
      { name: 'a.jpg', mime: 'image/jpeg' },
      { name: 'акт.pdf', mime: 'application/pdf' },
    ],
  },
  client: { name: 'ООО «Ромашка»', inn: '7701234567', kpp: '770101001', legalAddress: 'Москва' },
  supplier: 'ООО «Опта Дистрибуция»',
  photos: Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, dataUrl: 'data:image/jpeg;base64,AAAA' })),
};

const text = (doc: unknown): string => JSON.stringify(doc);

describe('claim form', () => {
  it('money is exact and written the Russian way', () => {
    expect(rubles('1234567.5')).toBe('1\u00a0234\u00a0567,50');
    expect(rubles('-0.005')).toBe('-0,01');
    expect(rubles('0.1')).toBe('0,10');
  });

  it('holds the parties, each line, the total, the decision and the history in Moscow time', () => {
    const doc = claimFormDocument(input);
    const all = text(doc);
    for (const s of [
      'Рекламационный акт РК-000017',
      'ООО «Опта Дистрибуция»',
      'ООО «Ромашка», ИНН 7701234567, КПП 770101001',
      'Брак',
      'Трещины корпуса',
      'К561ЛА7',
      'КТ315Б',
      '2,5',
      '1\u00a0234\u00a0560,10',
      '7,40',
      '1\u00a0234\u00a0567,50',
      'Корректировочный документ (зачёт) на сумму 1\u00a0000,05 ₽',
      '20.11.2026, 15:05',
      'Фото убедительны',
      'акт.pdf',
      '№ в 1С ПР-55',
    ]) {
      expect(all).toContain(s);
    }
  });

  it('an unregistered claim says so; photos go four to a row', () => {
    const doc = claimFormDocument({
      ...input,
      claim: { ...input.claim, number: null, status: 'new', resolution: null, resolutionAmount: null },
    });
    const all = text(doc);
    expect(all).toContain('б/н (ещё не зарегистрирована)');
    expect(all).toContain('Решение ещё не принято');
    const rows = (doc.content as { columns?: { stack?: unknown[] }[] }[]).filter((c) => c.columns?.[0]?.stack);
    expect(rows.map((r) => r.columns!.length)).toEqual([4, 2]);
  });
});
