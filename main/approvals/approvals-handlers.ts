// Approvals, the contract's part: the supervisor's queue and a request's lines read from the
// replica; the manager's request (built from what blocks the order now) and the decision, both
// mutations that queue offline like any change.
import type { approvalsMethods, HandlersOf } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';
import { createApprovalService } from './approvals';

export function approvalsHandlers(s: DeskSession): HandlersOf<typeof approvalsMethods> {
  const approvals = createApprovalService(s.replica.sqlite, s.orders);
  return {
    'approvals.list': ({ status }) => approvals.list(status),
    'approvals.get': ({ orderId }) => approvals.get(orderId),
    'approvals.request': ({ orderId, note }) => {
      const request = approvals.requestFor(orderId, note);
      return {
        ...s.mutate('priceApproval.request@1', request),
        lines: request.lines.length,
        credit: request.credit !== null,
      };
    },
    'approvals.decide': (args) => s.mutate('priceApproval.decide@1', args),
  };
}
