// Russian texts of e-mail beside a ticket's thread: each letter's state, why it bounced, sending again.
export const mailRu = {
  clientWrote: '{{client}} · письмо от {{from}}',
  out: {
    queued: 'Письмо на {{to}} ждёт отправки',
    retrying: 'Письмо на {{to}}: попытка {{attempts}} не удалась ({{reason}}), повторим',
    sent: 'Письмо отправлено на {{to}} · {{at}}',
    bounced: 'Письмо на {{to}} не доставлено: {{reason}}',
    failed: 'Письмо на {{to}} не отправлено: {{reason}}',
    noAddress: 'Письмо не отправлено: у клиента нет адреса e-mail',
  },
  in: {
    refusedFiles: 'Не приняты вложения: {{files}} (письмо целиком сохранено на сервере)',
  },
  why: {
    winmail: 'winmail.dat из Outlook',
    too_large: 'больше 25 МБ',
    file_type: 'недопустимый тип файла',
    no_file_store: 'сервер не хранит файлы',
  },
  shipmentTo: 'Письма об отгрузке заказов:',
  resend: 'Отправить снова',
  resendTitle: 'Отправить письмо снова',
  address: 'Адрес получателя',
  send: 'Отправить',
  cancel: 'Отмена',
  resent: 'Письмо поставлено в очередь на {{to}}',
};

export const mailTriageRu = {
  title: 'Почта без адресата',
  hint: 'Письма от неизвестных адресов и письма не от контакта клиента. Откройте обращение для нужного клиента или уберите письмо.',
  empty: 'Неразобранных писем нет.',
  columns: { at: 'Получено', from: 'От кого', subject: 'Тема', reason: 'Почему здесь' },
  reasons: {
    unknown_sender: 'адрес не знаком',
    ambiguous_sender: 'адрес у нескольких клиентов',
    sender_not_client: 'не контакт клиента этого обращения',
  },
  pick: 'Выберите письмо слева',
  client: 'Клиент',
  clientPlaceholder: 'Название или ИНН',
  open: 'Открыть обращение',
  discard: 'Убрать',
  opened: 'Обращение открыто',
  loading: 'Загрузка письма…',
};
