// Every contract method that needs a session, one slice per feature folder, merged: the core's
// root adds only the methods that work without one (app info, sign-in and out, sync status).
import { accountsHandlers } from '../accounts/accounts-handlers';
import { aftersalesHandlers } from '../aftersales/aftersales-handlers';
import { approvalsHandlers } from '../approvals/approvals-handlers';
import { catalogHandlers } from '../catalog/catalog-handlers';
import { clientsHandlers } from '../clients/clients-handlers';
import { dashboardHandlers } from '../dashboard/dashboard-handlers';
import { documentsHandlers } from '../documents/documents-handlers';
import { notificationsHandlers } from '../notifications/notifications-handlers';
import { mailHandlers } from '../mail/mail-handlers';
import { erpHandlers } from '../erp/erp-handlers';
import { excelHandlers } from '../excel/excel-handlers';
import { filesHandlers } from '../files/files-handlers';
import { orderLinesHandlers } from '../orders/order-lines-handlers';
import { ordersHandlers } from '../orders/orders-handlers';
import { orderKindsHandlers } from '../orders/order-kinds-handlers';
import { plansHandlers } from '../plans/plans-handlers';
import { seasonalHandlers } from '../seasonal/seasonal-handlers';
import { quotesHandlers } from '../catalog/quotes-handlers';
import { pricingHandlers } from '../pricing/pricing-handlers';
import { syncHandlers } from '../sync/sync-handlers';
import type { DeskSession, SessionHandlers } from './desk-session';

export function sessionSlices(s: DeskSession): SessionHandlers {
  return {
    ...syncHandlers(s),
    ...catalogHandlers(s),
    ...clientsHandlers(s),
    ...ordersHandlers(s),
    ...orderKindsHandlers(s),
    ...plansHandlers(s),
    ...seasonalHandlers(s),
    ...quotesHandlers(s),
    ...orderLinesHandlers(s),
    ...excelHandlers(s),
    ...pricingHandlers(s),
    ...approvalsHandlers(s),
    ...aftersalesHandlers(s),
    ...filesHandlers(s),
    ...dashboardHandlers(s),
    ...erpHandlers(s),
    ...documentsHandlers(s),
    ...notificationsHandlers(s),
    ...mailHandlers(s),
    ...accountsHandlers(s),
  };
}
