// English texts of reserves and preorders: what 1C holds and until when, what it secured, the actions.
import type { orderKindsRu } from './order-kinds-ru';

export const orderKindsEn: typeof orderKindsRu = {
  hold: {
    waiting: '1C has not yet said what it could reserve',
    until: 'Reserved until {{until}}',
    left: '{{time}} left',
    leftDays: '{{days}} d {{hours}} h',
    leftHours: '{{hours}} h {{minutes}} min',
    endsSoon: 'the reserve ends soon: extend it or make it an order',
    lines: '1C holds: {{whole}} whole, {{part}} in part of {{lines}} lines',
    extend: 'Extend',
    extendBy: 'By {{count}} days',
    extendAgreement: 'By {{count}} days (agreement)',
    convert: 'Make it an order',
    convertConfirm: 'Make the reserve an order? The reserved goods stay with it, and 1C starts processing it.',
    asked: {
      extend: 'Extension by {{days}} days sent to 1C · waiting for its answer',
      convert: 'Conversion to an order sent to 1C · waiting for its answer',
    },
    released: '1C released the reserve: its time ran out {{until}}. The goods are free stock again.',
    converted: 'The reserve became an order: the goods stay with it.',
  },
  preorder: {
    waiting: '1C has not accepted the preorder yet',
    state: 'Lines secured: {{secured}} of {{lines}} · waiting for goods: {{waiting}}',
    convert: 'Order what is secured ({{count}})',
    convertConfirm:
      'Make an order of the secured goods ({{count}} lines)? It goes to 1C at once at the preorder’s prices; the rest stays a preorder.',
    made: 'Orders made of it:',
    done: 'An order of the secured goods was made: {{lines}} lines',
  },
  fromOrder: 'Made of preorder',
  merge: {
    badge: 'Merging',
    into: {
      change: '1C is taking {{count}} lines from order',
      cancel: 'lines taken; 1C is cancelling order',
    },
    from: {
      change: 'its lines are moving to order; waiting for 1C',
      cancel: '1C is cancelling this order: its lines are in order',
    },
  },
  refused: {
    not_reserve: 'This is not a reserve',
    not_held: '1C holds nothing for this reserve now',
    expired: 'The reserve has expired: 1C will release it; it cannot be extended',
    pending: 'A request about this reserve is already with 1C: wait for its answer',
    nothing_secured: 'Nothing secured is left to make an order of',
    not_preorder: 'This is not a preorder',
  },
  confirm: 'Yes',
  cancel: 'Cancel',
};
