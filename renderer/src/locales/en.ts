// English translation; typed against the Russian reference so no key can be missing.
import type { Messages } from './ru';

export const en: Messages = {
  app: { title: 'Opta Desk', tagline: 'Wholesale sales desk' },
  login: {
    title: 'Sign in', login: 'Login', password: 'Password', submit: 'Sign in', server: 'Server: {{url}}',
    loginRequired: 'Enter your login', passwordRequired: 'Enter your password',
  },
  nav: { catalog: 'Catalog', bulkSearch: 'List search', clients: 'Clients', logout: 'Sign out', language: 'Language', palette: 'Search the catalog' },
  roles: { manager: 'Sales manager', supervisor: 'Supervisor', admin: 'Administrator' },
  status: {
    online: 'Online', offline: 'No connection to the server', connecting: 'Connecting…',
    lastSync: 'Synced {{time}}', neverSynced: 'Not synced yet', rows: 'Local rows: {{rows}}',
    syncing: 'Loading data: {{done}} of {{total}}',
    pending: 'Not sent: {{count}}', allSent: 'All changes sent', rejected: 'Rejected: {{count}}', conflicts: 'Conflicts: {{count}}',
  },
  clients: {
    search: 'Client or INN', shown: 'Clients: {{count}}',
    columns: { name: 'Client', inn: 'INN', manager: 'Manager', priceType: 'Price type', terms: 'Payment terms', creditLimit: 'Credit limit', overdue: 'Overdue', pending: 'Unsent' },
    erp: 'Requisites and terms (from the ERP, read-only)', kpp: 'KPP', legalAddress: 'Legal address', coefficient: 'Coefficient', manager: 'Manager',
    contacts: 'Contacts', addresses: 'Delivery addresses', notes: 'Manager notes', notesPlaceholder: 'Agreements, shipping details, when to call…',
    contact: { name: 'Name', position: 'Position', phone: 'Phone', email: 'E-mail' }, address: { label: 'Label', address: 'Address' },
    add: 'Add', remove: 'Remove', save: 'Save', cancel: 'Discard edits', saved: 'Saved on this computer; it goes to the server when connected',
    pendingHere: 'Unsent changes: {{count}}', changedElsewhere: 'The card was changed on the server while you were editing it.', reload: 'Show the new version', none: 'Choose a client in the list',
    overdueWarn: 'Has overdue receivables',
  },
  sync: {
    title: 'Sync', pending: 'Waiting to be sent', rejected: 'Rejected by the server', conflicts: 'Edit conflicts', nothing: 'None',
    oldest: 'Oldest: {{time}}', retry: 'Retry', discard: 'Discard change', copy: 'Copy values', copied: 'Copied', dismiss: 'Got it',
    mutation: { 'client.updateCard@1': 'Client card', 'client.reassign@1': 'Manager assignment' },
    overwritten: '{{by}} changed “{{field}}” of {{client}} after you; the newer value stands.',
    overwrote: 'Your edit of “{{field}}” of {{client}} replaced a value another colleague had entered.',
    fields: { notes: 'Notes', contacts: 'Contacts', delivery_addresses: 'Delivery addresses' },
    codes: { out_of_scope: 'The client is not in your scope', forbidden: 'Not permitted', not_found: 'The record is not on the server', bad_args: 'Invalid data', unknown_mutation: 'This app version is outdated', depends_on_rejected: 'An earlier change to this record was rejected', invalid: 'The change is not allowed', locked: 'The record is locked', sequence_gap: 'Changes arrived out of order' },
  },
  catalog: {
    search: 'Article or name', searchHint: 'К561ЛА7, k561-la7 — layout and separators do not matter',
    group: 'Product group', allGroups: 'All groups', inStock: 'In stock only', shown: 'Showing {{shown}} of {{total}}',
    empty: 'The catalog is still loading…', noMatch: 'Nothing found',
    columns: { article: 'Article', name: 'Name', manufacturer: 'Manufacturer', group: 'Group', unit: 'Unit', pack: 'Pack', lead: 'Lead, days', basePrice: 'Base price', total: 'Total' },
    discontinued: 'Discontinued',
  },
  item: {
    attributes: 'Attributes', stock: 'Stock by warehouse', prices: 'Prices', analogs: 'Analogs', noAnalogs: 'No analogs',
    warehouse: 'Warehouse', quantity: 'Stock', lead: 'Lead time', days: '{{count}} d', today: 'today', vat: 'VAT {{rate}}%', withVat: 'incl. VAT', withoutVat: 'excl. VAT',
    pack: 'Pack size: {{pack}} {{unit}}', lifecycle: { active: 'Active', discontinued: 'Discontinued' }, close: 'Close',
  },
  bulk: {
    title: 'Search by a list of articles', hint: 'Paste a list from Excel or an e-mail: an article and, optionally, a quantity per line.',
    placeholder: 'К561ЛА7\t100\nSTM32F103C8T6; 20\nk561-la7 5', run: 'Search', clear: 'Clear',
    kinds: { exact: 'Found', fuzzy: 'Typo', analog: 'Analog offered', not_found: 'Not found' },
    columns: { line: '#', asked: 'Asked', quantity: 'Qty', result: 'Result', found: 'Found', name: 'Name', stock: 'Stock', analog: 'Analog' },
    summary: 'Lines: {{count}}', empty: 'Paste a list and press “Search” (Ctrl+Enter)',
  },
  palette: { placeholder: 'Article or name…', nothing: 'Nothing found', open: 'Open item card' },
  errors: {
    bad_input: 'Invalid input: {{message}}', unknown_method: 'Unknown operation', forbidden: 'Operation not allowed', not_signed_in: 'Please sign in',
    wrong_credentials: 'Wrong login or password', token_expired: 'Session expired, please sign in again', token_invalid: 'Session is not valid, please sign in again',
    server_unreachable: 'The server is unreachable. Check the network connection.', protocol_error: 'Communication error with the server', message_too_large: 'Too much data at once',
    replica_too_new: 'The local database was created by a newer version. Please update Opta Desk.', not_found: 'Not found', internal: 'Internal error: {{message}}',
  },
  notices: { replica_corrupt_moved: 'The local database was damaged and set aside ({{file}}); data is being loaded from the server again.' },
};
