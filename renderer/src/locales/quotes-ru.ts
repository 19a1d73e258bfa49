// Russian texts of quotes: the client whose prices are shown, the quoted list's actions, refusals.
export const quotesRu = {
  client: 'Цены клиента',
  clientHint:
    'Выберите клиента: цены станут его (коэффициенты, скидки от количества, акции); Alt+P — почему такая цена',
  priceFor: 'Цена: {{client}}',
  withVat: 'с НДС',
  withoutVat: 'без НДС',
  take: 'Берём',
  takes: { item: 'найденный', analog: 'аналог', skip: 'не брать' },
  price: 'Цена клиента',
  amount: 'Сумма',
  total: 'Итого по КП: {{amount}} ₽ · строк: {{lines}}',
  toNewOrder: 'Новый заказ из списка',
  toOpenOrder: 'В открытый заказ…',
  openOrders: 'Черновики клиента',
  noOpenOrders: 'У клиента нет черновиков',
  exportXlsx: 'КП в Excel',
  pickClient: 'Выберите клиента, чтобы оформить КП или заказ',
  nothingToTake: 'В списке нет строк, которые можно взять',
  done: 'Добавлено строк: {{count}}',
  refused: {
    no_price_type: 'У клиента нет типа цен из 1С: КП для него не составить',
    quote_other_client: 'Этот заказ другого клиента',
  },
};
