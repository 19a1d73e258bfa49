// The names of the desk contract's methods and events, with no dependencies: the sandboxed
// preload bundles this file alone. contract.ts checks at compile time that it matches.
export const deskMethodNames = [
  'app.info', 'session.login', 'session.logout', 'sync.status', 'sync.now',
  'catalog.page', 'catalog.search', 'catalog.item', 'catalog.bulkSearch',
  'clients.list', 'clients.card', 'clients.updateCard', 'clients.reassign',
  'sync.problems', 'sync.retry', 'sync.discard', 'sync.dismissConflict',
  'orders.list', 'orders.get', 'orders.lines', 'orders.create', 'orders.setLines', 'orders.setHeader', 'orders.explainPrice', 'pricing.setClient', 'pricing.setRule', 'pricing.removeRule', 'pricing.audit', 'pricing.rules', 'pricing.whatIf', 'approvals.list', 'approvals.get', 'approvals.request', 'approvals.decide', 'orders.updateLine', 'orders.updateLines', 'orders.addLines', 'orders.removeLines', 'orders.submitCheck', 'orders.submit', 'orders.cancel',
  'orders.patchLines', 'orders.bulk', 'orders.undo', 'orders.redo', 'orders.previewLines', 'orders.repeat', 'orders.merge', 'orders.split',
  'excel.readLines', 'excel.exportOrders', 'excel.template',
  'erp.outbox', 'erp.decide', 'erp.refreshReceivables',
  'claims.list', 'claims.get', 'claims.claimable', 'claims.create', 'claims.move', 'claims.attach', 'claims.form',
  'tickets.list', 'tickets.get', 'tickets.create', 'tickets.reply', 'tickets.setStatus', 'tickets.assign', 'tickets.assignees', 'team.managers', 'dashboard.get', 'dashboard.rows', 'dashboard.options', 'table.exportXlsx',
  'files.add', 'files.get', 'files.thumbnail', 'files.pending', 'aftersales.counts', 'aftersales.notices', 'aftersales.seen',
] as const;

export const deskEventNames = ['sync.status', 'replica.changed'] as const;
