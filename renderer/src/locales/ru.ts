// Russian: the reference language of the desk. English (en.ts) must have every key.
export const ru = {
  app: { title: 'Opta Desk', tagline: 'Рабочее место менеджера оптовых продаж' },
  login: {
    title: 'Вход', login: 'Логин', password: 'Пароль', submit: 'Войти', server: 'Сервер: {{url}}',
    loginRequired: 'Введите логин', passwordRequired: 'Введите пароль',
  },
  nav: { catalog: 'Каталог', bulkSearch: 'Поиск по списку', logout: 'Выйти', language: 'Язык', palette: 'Поиск по каталогу' },
  roles: { manager: 'Менеджер', supervisor: 'Руководитель отдела', admin: 'Администратор' },
  status: {
    online: 'В сети', offline: 'Нет связи с сервером', connecting: 'Подключение…',
    lastSync: 'Синхронизировано {{time}}', neverSynced: 'Ещё не синхронизировано', rows: 'В локальной базе: {{rows}}',
    syncing: 'Загрузка данных: {{done}} из {{total}}',
  },
  catalog: {
    search: 'Артикул или название', searchHint: 'К561ЛА7, k561-la7 — раскладка и разделители не важны',
    group: 'Группа товаров', allGroups: 'Все группы', inStock: 'Только в наличии', shown: 'Показано {{shown}} из {{total}}',
    empty: 'Каталог ещё загружается…', noMatch: 'Ничего не найдено',
    columns: { article: 'Артикул', name: 'Наименование', manufacturer: 'Производитель', group: 'Группа', unit: 'Ед.', pack: 'Упак.', lead: 'Срок, дн.', basePrice: 'Базовая цена', total: 'Всего' },
    discontinued: 'Снят с производства',
  },
  item: {
    attributes: 'Характеристики', stock: 'Остатки по складам', prices: 'Цены', analogs: 'Аналоги', noAnalogs: 'Аналогов нет',
    warehouse: 'Склад', quantity: 'Остаток', lead: 'Срок', days: '{{count}} дн.', today: 'сегодня', vat: 'НДС {{rate}}%', withVat: 'с НДС', withoutVat: 'без НДС',
    pack: 'Норма упаковки: {{pack}} {{unit}}', lifecycle: { active: 'Активен', discontinued: 'Снят с производства' }, close: 'Закрыть',
  },
  bulk: {
    title: 'Поиск по списку артикулов', hint: 'Вставьте список из Excel или письма: артикул и, если есть, количество — по одному в строке.',
    placeholder: 'К561ЛА7\t100\nSTM32F103C8T6; 20\nk561-la7 5', run: 'Найти', clear: 'Очистить',
    kinds: { exact: 'Найден', fuzzy: 'С опечаткой', analog: 'Предложен аналог', not_found: 'Не найден' },
    columns: { line: '№', asked: 'Запрошено', quantity: 'Кол-во', result: 'Результат', found: 'Найдено', name: 'Наименование', stock: 'Остаток', analog: 'Аналог' },
    summary: 'Строк: {{count}}', empty: 'Вставьте список и нажмите «Найти» (Ctrl+Enter)',
  },
  palette: { placeholder: 'Артикул или название…', nothing: 'Ничего не найдено', open: 'Открыть карточку' },
  errors: {
    bad_input: 'Неверные данные: {{message}}', unknown_method: 'Неизвестная операция', forbidden: 'Операция запрещена', not_signed_in: 'Нужно войти в систему',
    wrong_credentials: 'Неверный логин или пароль', token_expired: 'Сеанс истёк, войдите снова', token_invalid: 'Сеанс недействителен, войдите снова',
    server_unreachable: 'Сервер недоступен. Проверьте подключение к сети.', protocol_error: 'Ошибка обмена с сервером', message_too_large: 'Слишком большой объём данных',
    replica_too_new: 'Локальная база создана более новой версией программы. Обновите Opta Desk.', not_found: 'Не найдено', internal: 'Внутренняя ошибка: {{message}}',
  },
  notices: { replica_corrupt_moved: 'Локальная база была повреждена и отложена ({{file}}); данные загружаются с сервера заново.' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ru>;
