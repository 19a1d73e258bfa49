// The desk contract, dashboards: the figures of the user's scope for a period and filters,
// computed on the replica, the rows behind any figure, and the filters' choices.
import { z } from 'zod';
import { Cell, Iso, MoneyText, NoInput } from './shared';

export const DashboardFilter = z
  .object({
    /** The period as instants: from inclusive, to exclusive (the renderer turns "this week" into them). */
    fromAt: Iso,
    toAt: Iso,
    managerId: z.number().int().positive().optional(),
    clientId: z.number().int().positive().optional(),
    group: z.string().min(1).max(200).optional(),
    warehouseId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((f) => f.fromAt < f.toAt, { message: 'period_order', path: ['toAt'] });

export type DashboardFilter = z.infer<typeof DashboardFilter>;

const Ages = z.record(z.string(), z.number().int());

export const DashboardData = z.object({
  period: z.object({
    fromAt: z.string(),
    toAt: z.string(),
    bucket: z.enum(['day', 'week', 'month']),
    months: z.array(z.string()),
  }),
  totals: z.object({
    sales: MoneyText,
    cost: MoneyText,
    margin: MoneyText,
    orders: z.number().int(),
    averageOrder: MoneyText,
  }),
  series: z.array(z.object({ bucket: z.string(), sales: MoneyText, margin: MoneyText })),
  managers: z.array(
    z.object({ id: z.number().int(), name: z.string(), sales: MoneyText, margin: MoneyText, orders: z.number().int() }),
  ),
  clients: z.array(
    z.object({ id: z.number().int(), name: z.string(), sales: MoneyText, margin: MoneyText, orders: z.number().int() }),
  ),
  groups: z.array(
    z.object({
      group: z.string(),
      sales: MoneyText,
      margin: MoneyText,
      plan: MoneyText.nullable(),
      planActual: MoneyText.nullable(),
      plansMet: z.number().int(),
      plans: z.number().int(),
      bonus: MoneyText.nullable(),
    }),
  ),
  ordersByStatus: z.array(
    z.object({
      status: z.string(),
      count: z.number().int(),
      amount: MoneyText,
      oldestAt: z.string().nullable(),
      ages: Ages,
    }),
  ),
  waitingErp: z.object({ count: z.number().int(), oldestAt: z.string().nullable() }),
  overdue: z.object({
    total: MoneyText,
    clients: z.number().int(),
    /** The team's receivables by age (the ERP's open documents), as of the oldest report among them. */
    aging: z
      .object({
        buckets: z.object({
          notDue: MoneyText,
          d1_30: MoneyText,
          d31_60: MoneyText,
          d61_90: MoneyText,
          d90plus: MoneyText,
        }),
        open: MoneyText,
        overdue: MoneyText,
        maxDaysOverdue: z.number().int(),
        asOf: z.string(),
      })
      .nullable(),
    top: z.array(z.object({ id: z.number().int(), name: z.string(), overdue: MoneyText, creditLimit: MoneyText })),
  }),
  overrides: z.object({
    lines: z.number().int(),
    orders: z.number().int(),
    pending: z.number().int(),
    givenAway: MoneyText,
    byManager: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        lines: z.number().int(),
        orders: z.number().int(),
        givenAway: MoneyText,
      }),
    ),
  }),
  claims: z.object({
    byReason: z.array(z.object({ reason: z.string(), count: z.number().int(), amount: MoneyText })),
    open: z.number().int(),
    overdue: z.number().int(),
    byAge: z.array(z.object({ bucket: z.string(), count: z.number().int() })),
  }),
  tickets: z.object({
    open: z.number().int(),
    breachedOpen: z.number().int(),
    opened: z.number().int(),
    breachedOpened: z.number().int(),
    byCategory: z.array(
      z.object({
        category: z.string(),
        open: z.number().int(),
        breachedOpen: z.number().int(),
        opened: z.number().int(),
        breachedOpened: z.number().int(),
      }),
    ),
  }),
  erp: z
    .object({
      state: z.string(),
      since: z.string().nullable(),
      pending: z.number().int(),
      parked: z.number().int(),
      oldestPendingAt: z.string().nullable(),
      checkedAt: z.string().nullable(),
    })
    .nullable(),
  asOf: z.object({
    replica: z.string().nullable(),
    orderStatuses: z.string().nullable(),
    receivables: z.string().nullable(),
    erp: z.string().nullable(),
  }),
});

export type DashboardData = z.infer<typeof DashboardData>;

export const DASHBOARD_TILES = [
  'sales',
  'series',
  'manager',
  'client',
  'group',
  'status',
  'waiting_erp',
  'overdue',
  'overrides',
  'claims_reason',
  'claims_age',
  'claims_open',
  'tickets_breached',
  'tickets_breached_period',
] as const;

export const DashboardDrill = z
  .object({ tile: z.enum(DASHBOARD_TILES), key: z.string().max(200).optional(), filter: DashboardFilter })
  .strict();

export type DashboardDrill = z.infer<typeof DashboardDrill>;

export const DashboardRows = z.object({
  kind: z.enum(['orders', 'clients', 'claims', 'tickets', 'approvals']),
  rows: z.array(z.record(z.string(), Cell)),
});

export type DashboardRows = z.infer<typeof DashboardRows>;

export const dashboardMethods = {
  /** The dashboard of this user's scope for a period and filters, computed on the replica. */
  'dashboard.get': { input: DashboardFilter, output: DashboardData },
  /** The rows behind one of the dashboard's numbers, with the same filters. */
  'dashboard.rows': { input: DashboardDrill, output: DashboardRows },
  /** Product groups and warehouses for the dashboard's filters. */
  'dashboard.options': {
    input: NoInput,
    output: z.object({
      groups: z.array(z.string()),
      warehouses: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  },
} as const;
