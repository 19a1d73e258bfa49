// The words in the spreadsheets the desk writes (order export, import template), in the
// manager's language. The desk core has no i18next; these few texts live here, Russian first.
import type { ExportedOrder } from './order-workbook';
import type { ExportTexts, TemplateTexts } from './order-workbook';

const STATUS_RU: Record<string, string> = {
  draft: 'черновик',
  submitted: 'отправлен',
  accepted: 'принят 1С',
  processing: 'в работе',
  assembling: 'на сборке',
  shipped: 'отгружен',
  closed: 'закрыт',
  cancelled: 'отменён',
  rejected: 'отклонён 1С',
};

const isEn = (lang: string): boolean => lang.startsWith('en');

export function exportTexts(lang: string): ExportTexts & { fileName: (what: string) => string } {
  const date = (o: ExportedOrder): string => o.createdAt.slice(0, 10).split('-').reverse().join('.');
  if (isEn(lang)) {
    return {
      fileName: (what) => `Order ${what}`,
      title: (o) => `Order ${o.number ?? '(not numbered)'} of ${o.createdAt.slice(0, 10)}`,
      client: 'Client',
      warehouse: 'Warehouse',
      status: (o) => `status: ${o.status}`,
      total: 'Total',
      shipment: (o) =>
        [
          o.agreement ? `Contract ${o.agreement}` : 'No contract',
          o.deliveryMethod === 'pickup' ? 'pickup' : `delivery: ${o.deliveryAddress}`,
          ...(o.deliveryDate ? [`ship on ${o.deliveryDate}`] : []),
        ].join(' · '),
      columns: {
        no: 'No.',
        article: 'Article',
        name: 'Name',
        quantity: 'Quantity',
        unit: 'Unit',
        price: 'Price',
        discount: 'Discount %',
        amount: 'Amount',
        warehouse: 'Warehouse',
        comment: 'Comment',
      },
    };
  }
  return {
    fileName: (what) => `Заказ ${what}`,
    title: (o) => `Заказ ${o.number ?? '(без номера)'} от ${date(o)}`,
    client: 'Клиент',
    warehouse: 'Склад',
    status: (o) => `статус: ${STATUS_RU[o.status] ?? o.status}`,
    total: 'Итого',
    shipment: (o) =>
      [
        o.agreement ? `Договор ${o.agreement}` : 'Без договора',
        o.deliveryMethod === 'pickup' ? 'самовывоз' : `доставка: ${o.deliveryAddress}`,
        ...(o.deliveryDate ? [`отгрузка ${o.deliveryDate.split('-').reverse().join('.')}`] : []),
      ].join(' · '),
    columns: {
      no: '№',
      article: 'Артикул',
      name: 'Наименование',
      quantity: 'Количество',
      unit: 'Ед.',
      price: 'Цена',
      discount: 'Скидка %',
      amount: 'Сумма',
      warehouse: 'Склад',
      comment: 'Комментарий',
    },
  };
}

export function templateTexts(lang: string): TemplateTexts & { fileName: string } {
  if (isEn(lang)) {
    return {
      fileName: 'Order lines template',
      sheet: 'Order lines',
      help: 'How to fill in',
      headers: ['Article', 'Quantity', 'Price (optional)', 'Discount %', 'Warehouse', 'Comment'],
      example: ['K561LA7', 100, '', '', '', 'example line: replace or delete'],
      helpLines: [
        'One order line per row, from row 2 of the first sheet.',
        'Article: in any spelling (Cyrillic or Latin look-alikes, with or without dashes and spaces).',
        'Quantity: a number; it is rounded up to whole packs, and the preview shows the original.',
        "Price: leave empty for the client's price; a price given here becomes a manual price.",
        "Warehouse: leave empty for the order's warehouse.",
        'Before anything is added you see a preview: found, found with a typo, analog offered, not found.',
      ],
    };
  }
  return {
    fileName: 'Шаблон строк заказа',
    sheet: 'Строки заказа',
    help: 'Как заполнить',
    headers: ['Артикул', 'Количество', 'Цена (необязательно)', 'Скидка %', 'Склад', 'Комментарий'],
    example: ['К561ЛА7', 100, '', '', '', 'пример строки: замените или удалите'],
    helpLines: [
      'Одна строка заказа в строке листа, начиная со 2-й строки первого листа.',
      'Артикул: в любом написании (кириллица или латиница, с дефисами и пробелами или без).',
      'Количество: число; округляется вверх до целых упаковок, исходное видно в предпросмотре.',
      'Цена: оставьте пустой — будет цена клиента; указанная цена станет ручной.',
      'Склад: оставьте пустым — будет склад заказа.',
      'Перед добавлением вы увидите предпросмотр: найдено, найдено с опечаткой, предложен аналог, не найдено.',
    ],
  };
}
