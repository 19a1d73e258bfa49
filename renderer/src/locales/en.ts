// English translation; typed against the Russian reference so no key can be missing.
import type { Messages } from './ru';

export const en: Messages = {
  app: { title: 'Opta Desk', tagline: 'Wholesale sales desk' },
  login: {
    title: 'Sign in', login: 'Login', password: 'Password', submit: 'Sign in', server: 'Server: {{url}}',
    loginRequired: 'Enter your login', passwordRequired: 'Enter your password',
  },
  nav: { catalog: 'Catalog', bulkSearch: 'List search', logout: 'Sign out', language: 'Language', palette: 'Search the catalog' },
  roles: { manager: 'Sales manager', supervisor: 'Supervisor', admin: 'Administrator' },
  status: {
    online: 'Online', offline: 'No connection to the server', connecting: 'Connecting…',
    lastSync: 'Synced {{time}}', neverSynced: 'Not synced yet', rows: 'Local rows: {{rows}}',
    syncing: 'Loading data: {{done}} of {{total}}',
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
