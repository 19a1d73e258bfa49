// The claim form (рекламационный акт) as a document description: the template in Russian that the
// desk renders to PDF (main/claim-form-pdf.ts, pdfmake). Pure: the same claim gives the same
// document, so the template is tested here without a PDF reader.
import Decimal from 'decimal.js';
import type { ClaimResolution, ClaimStatus, DefectType } from './claim';

export interface ClaimFormInput {
  claim: {
    number: string | null;
    orderNumber: string | null;
    status: ClaimStatus;
    defectType: DefectType | string;
    description: string;
    amount: string;
    resolution: ClaimResolution | null;
    resolutionAmount: string | null;
    createdAt: string;
    managerName: string;
    erpNumber: string | null;
    lines: readonly { article: string; name: string; shipped: string; quantity: string; amount: string }[];
    history: readonly { status: ClaimStatus; at: string; by: string; comment: string }[];
    attachments: readonly { name: string; mime: string }[];
  };
  client: { name: string; inn: string; kpp: string; legalAddress: string };
  supplier: string;
  /** Photos as data URLs (JPEG/PNG thumbnails), in the order of the attachments. */
  photos: readonly { name: string; dataUrl: string }[];
}

export const DEFECT_NAMES_RU: Record<DefectType, string> = {
  defect: 'Брак',
  wrong_item: 'Пересорт (не тот товар)',
  shortage: 'Недовложение',
  damaged: 'Повреждение при доставке',
  expired: 'Истёк срок годности',
  other: 'Другое',
};
export const CLAIM_STATUS_NAMES_RU: Record<ClaimStatus, string> = {
  new: 'Новая',
  in_review: 'На рассмотрении',
  more_info: 'Нужны сведения',
  approved: 'Одобрена',
  rejected: 'Отклонена',
  closed: 'Закрыта',
};
export const RESOLUTION_NAMES_RU: Record<ClaimResolution, string> = {
  replacement: 'Замена товара',
  refund: 'Возврат денег',
  credit_note: 'Корректировочный документ (зачёт)',
};

const chunks = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Who the desk speaks for on documents (the distributor's legal name, as the ERP registers it). */
export const SUPPLIER_NAME = 'ООО «Опта Дистрибуция»';

/** 1234567.5 → "1 234 567,50": exact, from the decimal string, as Russian documents write money. */
export function rubles(value: string): string {
  const [int, frac] = new Decimal(value).toFixed(2).split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = int!.replace('-', '');
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${frac}`;
}

/** A quantity as Russians write it: comma for the decimals, no trailing zeros. */
export const quantityRu = (value: string): string => new Decimal(value).toString().replace('.', ',');

/** Moscow date and time, the office's, whatever the computer's zone. */
export function moscowTime(iso: string, withTime = true): string {
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(iso));
}

/** The document: header, parties, lines with the claimed quantity and amount, the decision, history, photos, signatures. */
export function claimFormDocument(input: ClaimFormInput): Record<string, unknown> {
  const { claim, client } = input;
  const number = claim.number ?? 'б/н (ещё не зарегистрирована)';
  const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
  const lines = claim.lines.map((l, i) => [
    cell(String(i + 1), { alignment: 'right' }),
    cell(l.article),
    cell(l.name),
    cell(quantityRu(l.shipped), { alignment: 'right' }),
    cell(quantityRu(l.quantity), { alignment: 'right' }),
    cell(rubles(l.amount), { alignment: 'right' }),
  ]);
  const decided =
    claim.resolution && claim.resolutionAmount
      ? `${RESOLUTION_NAMES_RU[claim.resolution]} на сумму ${rubles(claim.resolutionAmount)} ₽`
      : claim.status === 'rejected'
        ? 'Претензия отклонена'
        : 'Решение ещё не принято';
  return {
    info: {
      title: `Рекламационный акт ${number}`,
      author: input.supplier,
      subject: `Претензия по заказу ${claim.orderNumber ?? ''}`,
    },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      title: { fontSize: 14, bold: true, margin: [0, 0, 0, 4] },
      label: { color: '#555' },
      head: { bold: true, fillColor: '#eeeeee' },
      section: { fontSize: 10, bold: true, margin: [0, 10, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: `Рекламационный акт ${number} · стр. ${page} из ${pages}`,
      alignment: 'center',
      fontSize: 7,
      color: '#777',
      margin: [0, 20, 0, 0],
    }),
    content: [
      { text: `Рекламационный акт ${number}`, style: 'title' },
      {
        text: `от ${moscowTime(claim.createdAt, false)} · по заказу ${claim.orderNumber ?? 'б/н'}${claim.erpNumber ? ` · № в 1С ${claim.erpNumber}` : ''} · статус: ${CLAIM_STATUS_NAMES_RU[claim.status]}`,
        margin: [0, 0, 0, 8],
      },
      {
        table: {
          widths: [110, '*'],
          body: [
            [cell('Поставщик', { style: 'label' }), cell(input.supplier)],
            [
              cell('Покупатель', { style: 'label' }),
              cell(`${client.name}, ИНН ${client.inn}${client.kpp ? `, КПП ${client.kpp}` : ''}`),
            ],
            [cell('Адрес покупателя', { style: 'label' }), cell(client.legalAddress || '—')],
            [
              cell('Вид несоответствия', { style: 'label' }),
              cell(DEFECT_NAMES_RU[claim.defectType as DefectType] ?? claim.defectType),
            ],
            [cell('Описание', { style: 'label' }), cell(claim.description || '—')],
            [cell('Менеджер', { style: 'label' }), cell(claim.managerName)],
          ],
        },
        layout: 'noBorders',
      },
      { text: 'Товары с несоответствием', style: 'section' },
      {
        table: {
          headerRows: 1,
          widths: [18, 80, '*', 50, 50, 70],
          body: [
            ['№', 'Артикул', 'Наименование', 'Отгружено', 'По претензии', 'Сумма, ₽'].map((h) =>
              cell(h, { style: 'head' }),
            ),
            ...lines,
            [
              cell(''),
              cell(''),
              cell('Итого', { bold: true }),
              cell(''),
              cell(''),
              cell(rubles(claim.amount), { alignment: 'right', bold: true }),
            ],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: 'Решение', style: 'section' },
      { text: decided },
      { text: 'Ход рассмотрения', style: 'section' },
      {
        table: {
          widths: [90, 90, 110, '*'],
          body: [
            ['Когда (МСК)', 'Статус', 'Кто', 'Комментарий'].map((h) => cell(h, { style: 'head' })),
            ...claim.history.map((h) => [
              cell(moscowTime(h.at)),
              cell(CLAIM_STATUS_NAMES_RU[h.status]),
              cell(h.by),
              cell(h.comment),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      ...(claim.attachments.length
        ? [
            { text: `Приложения (${claim.attachments.length})`, style: 'section' },
            { ol: claim.attachments.map((a) => a.name) },
          ]
        : []),
      ...(input.photos.length
        ? [
            { text: 'Фотографии', style: 'section' },
            // Four to a row: a row wider than the page would be cut off.
            ...chunks(input.photos.slice(0, 12), 4).map((row) => ({
              columns: row.map((p) => ({
                stack: [
                  { image: p.dataUrl, fit: [118, 118] },
                  { text: p.name, fontSize: 7 },
                ],
                width: 122,
              })),
              columnGap: 8,
              margin: [0, 0, 0, 6],
            })),
          ]
        : []),
      {
        margin: [0, 30, 0, 0],
        columns: [
          { text: `От поставщика: ____________________ / ${claim.managerName} /` },
          { text: 'От покупателя: ____________________ / __________________ /' },
        ],
      },
    ],
  };
}
