// The admin's pricing, the contract's part: client coefficients and groups, price rules (floors,
// breaks, promotions) as mutations (offline too), what a change would do before it is published,
// and the price audit as the server wrote it.
import type { HandlersOf, pricingMethods } from '../../domain/contract';
import { createApprovalService } from '../approvals/approvals';
import type { DeskSession } from '../session/desk-session';
import { createPricingAdmin } from './pricing-admin';

export function pricingHandlers(s: DeskSession): HandlersOf<typeof pricingMethods> {
  const admin = createPricingAdmin(s.replica.sqlite);
  const approvals = createApprovalService(s.replica.sqlite, s.orders);
  return {
    'pricing.setClient': (args) => s.mutate('client.setPricing@1', args),
    'pricing.setRule': (args) => s.mutate('priceRule.set@1', args),
    'pricing.removeRule': (args) => s.mutate('priceRule.remove@1', args),
    'pricing.rules': () => admin.rules(),
    'pricing.whatIf': ({ change }) => admin.whatIf(change),
    'pricing.audit': (filter) => approvals.audit(filter),
  };
}
