// Russian: the reference language of the desk. English (en.ts) must have every key.
export const ru = {
  app: { title: 'Opta Desk', tagline: 'Рабочее место менеджера оптовых продаж' },
  login: {
    title: 'Вход', login: 'Логин', password: 'Пароль', submit: 'Войти', server: 'Сервер: {{url}}',
    loginRequired: 'Введите логин', passwordRequired: 'Введите пароль',
  },
  nav: { catalog: 'Каталог', bulkSearch: 'Поиск по списку', clients: 'Клиенты', logout: 'Выйти', language: 'Язык', palette: 'Поиск по каталогу' },
  roles: { manager: 'Менеджер', supervisor: 'Руководитель отдела', admin: 'Администратор' },
  status: {
    online: 'В сети', offline: 'Нет связи с сервером', connecting: 'Подключение…',
    lastSync: 'Синхронизировано {{time}}', neverSynced: 'Ещё не синхронизировано', rows: 'В локальной базе: {{rows}}',
    syncing: 'Загрузка данных: {{done}} из {{total}}',
    pending: 'Не отправлено: {{count}}', allSent: 'Все изменения отправлены', rejected: 'Отклонено: {{count}}', conflicts: 'Конфликты: {{count}}',
  },
  clients: {
    search: 'Клиент или ИНН', shown: 'Клиентов: {{count}}',
    columns: { name: 'Клиент', inn: 'ИНН', manager: 'Менеджер', priceType: 'Тип цен', terms: 'Условия оплаты', creditLimit: 'Кредитный лимит', overdue: 'Просрочено', pending: 'Не отпр.' },
    erp: 'Реквизиты и условия (из 1С, только чтение)', kpp: 'КПП', legalAddress: 'Юридический адрес', coefficient: 'Коэффициент', manager: 'Менеджер',
    contacts: 'Контактные лица', addresses: 'Адреса доставки', notes: 'Заметки менеджера', notesPlaceholder: 'Договорённости, особенности отгрузки, когда звонить…',
    contact: { name: 'ФИО', position: 'Должность', phone: 'Телефон', email: 'E-mail' }, address: { label: 'Название', address: 'Адрес' },
    add: 'Добавить', remove: 'Удалить', save: 'Сохранить', cancel: 'Отменить правку', saved: 'Сохранено на этом компьютере; отправится на сервер при связи',
    pendingHere: 'Изменений не отправлено: {{count}}', changedElsewhere: 'Карточку изменили на сервере, пока вы её правили.', reload: 'Показать новую версию', none: 'Выберите клиента в списке',
    overdueWarn: 'Есть просроченная задолженность',
  },
  sync: {
    title: 'Синхронизация', pending: 'Ожидают отправки', rejected: 'Отклонены сервером', conflicts: 'Конфликты правок', nothing: 'Нет',
    oldest: 'Самое старое: {{time}}', retry: 'Повторить', discard: 'Отменить изменение', copy: 'Копировать значения', copied: 'Скопировано', dismiss: 'Понятно',
    mutation: { 'client.updateCard@1': 'Карточка клиента', 'client.reassign@1': 'Назначение менеджера' },
    overwritten: '{{by}} изменил(а) поле «{{field}}» клиента {{client}} после вас; действует новое значение.',
    overwrote: 'Ваша правка поля «{{field}}» клиента {{client}} заменила значение, внесённое другим сотрудником.',
    fields: { notes: 'Заметки', contacts: 'Контакты', delivery_addresses: 'Адреса доставки' },
    codes: { out_of_scope: 'Клиент не в вашей зоне ответственности', forbidden: 'Недостаточно прав', not_found: 'Запись не найдена на сервере', bad_args: 'Неверные данные', unknown_mutation: 'Версия программы устарела', depends_on_rejected: 'Отклонено предыдущее изменение этой записи', invalid: 'Изменение недопустимо', locked: 'Запись заблокирована', sequence_gap: 'Нарушен порядок отправки' },
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
