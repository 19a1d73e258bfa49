// The master data the ERP owns, as it sends it: warehouses, price types, staff, items, prices,
// stock, clients and sales plans. Every record the server takes from a snapshot page or a change feed is
// parsed here first; one that fails is logged with the ERP's position and skipped, never written
// half-way. docs/erp-protocol.md describes the same shapes for the ERP's developer.
import { z } from 'zod';
import { BonusScale } from '../plans/retro-bonus';
import { Contact as DeskContact, DeliveryAddress as DeskDeliveryAddress } from '../clients/client-mutations';
import { isValidInn } from './inn';

/** The ERP's own code of a record: a positive 32-bit integer. */
export const ErpCode = z.number().int().positive().max(2_147_483_647);

const decimal = (intDigits: number, fracDigits: number) =>
  z
    .string()
    .regex(
      new RegExp(`^\\d{1,${intDigits}}(\\.\\d{1,${fracDigits}})?$`),
      `a decimal string, up to ${intDigits} digits and ${fracDigits} decimals`,
    );
const text = (max: number) => z.string().trim().max(max);
const name = (max: number) => z.string().trim().min(1).max(max);

/** VAT rates an item may carry in Russia (2026): general, reduced, zero, and the simplified regime's. */
export const VAT_RATES = ['0', '5', '7', '10', '20', '22'] as const;
const vatRate = decimal(2, 2).refine((v) => (VAT_RATES as readonly string[]).includes(String(Number(v))), {
  message: `VAT rate is one of ${VAT_RATES.join(', ')}`,
});

export const ErpWarehouse = z.object({
  id: ErpCode,
  code: name(20),
  name: name(200),
  city: text(100).default(''),
});

export const ErpPriceType = z.object({
  id: ErpCode,
  code: name(20),
  name: name(200),
  withVat: z.boolean(),
  isBase: z.boolean().default(false),
  /** Decimals a unit price of this type is rounded to. */
  places: z.number().int().min(0).max(4).default(4),
});

export const ErpStaff = z.object({
  id: ErpCode,
  /** The sign-in name, when the ERP keeps one; otherwise the server makes `staff<id>` until an admin sets it. */
  login: z
    .string()
    .regex(/^[a-z0-9._-]{2,60}$/i)
    .optional(),
  name: name(200),
  role: z.enum(['manager', 'supervisor']),
  /** The manager's team: their supervisor's code (null for supervisors). */
  supervisorId: ErpCode.nullable().default(null),
  active: z.boolean().default(true),
});

export const ErpItem = z.object({
  id: ErpCode,
  article: name(100),
  name: name(500),
  manufacturer: text(200).default(''),
  group: text(200).default(''),
  unit: name(20),
  packSize: z.number().int().min(1).max(1_000_000).default(1),
  attributes: z.record(z.string().max(100), z.string().max(500)).default({}),
  analogGroup: ErpCode.nullable().default(null),
  lifecycle: z.enum(['active', 'discontinued']).default('active'),
  vatRate,
  /** Unit cost in the base price's VAT basis (margins and floors are over it). */
  cost: decimal(11, 4).default('0'),
  weightKg: decimal(6, 6).default('0'),
  volumeM3: decimal(5, 9).default('0'),
  /** What the ERP says of the item (plain text): shown on the item card. */
  description: text(4000).default(''),
});

export const ErpPrice = z.object({
  itemId: ErpCode,
  priceTypeId: ErpCode,
  price: decimal(11, 4),
});

export const ErpStock = z.object({
  itemId: ErpCode,
  warehouseId: ErpCode,
  quantity: decimal(12, 3),
  /** Days until it can ship from this warehouse (null: not known). */
  leadDays: z.number().int().min(0).max(365).nullable().default(null),
});

// The same rules as a manager's edit on the desk (a card the ERP sent is a card the desk can show
// and edit), without refusing fields the desk does not know.
const Contact = z.object(DeskContact.shape);
const DeliveryAddress = z.object(DeskDeliveryAddress.shape);
const Agreement = z.object({
  number: name(100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  terms: text(200).default(''),
  /** Days the ERP holds a reserve under this agreement (the desk's default otherwise). */
  reserveDays: z.number().int().min(1).max(30).optional(),
  /** The retro bonus scale of the agreement (domain/plans/retro-bonus.ts), if it has one. */
  bonusScale: BonusScale.optional(),
});

export const ErpClient = z.object({
  id: ErpCode,
  name: name(300),
  inn: z.string().refine(isValidInn, 'INN is 10 or 12 digits with valid check digits'),
  kpp: z
    .string()
    .regex(/^(\d{9})?$/, 'KPP is 9 digits')
    .default(''),
  legalAddress: text(500).default(''),
  priceTypeId: ErpCode,
  /** The client's category (e.g. dealers): promotions may be limited to it. */
  category: text(100).nullable().default(null),
  creditLimit: decimal(13, 2).default('0'),
  paymentTerms: text(200).default(''),
  /** The responsible manager's code (a staff record). */
  managerId: ErpCode,
  contacts: z.array(Contact).max(100).default([]),
  deliveryAddresses: z.array(DeliveryAddress).max(100).default([]),
  agreements: z.array(Agreement).max(100).default([]),
});

/**
 * A sales plan 1C keeps: a manager's target for a month or a quarter, for their whole book or one
 * client (clientId null), in all groups or one (group null). Plans 1C sends are 1C's: the desks
 * show them and cannot change them (domain/plans/sales-plan.ts).
 */
export const ErpPlan = z
  .object({
    id: ErpCode,
    managerId: ErpCode,
    clientId: ErpCode.nullable().default(null),
    group: name(200).nullable().default(null),
    period: z.enum(['month', 'quarter']),
    /** The first day of the period's first month (a quarter starts in January, April, July or October). */
    start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, 'the first day of a month, YYYY-MM-01'),
    amount: decimal(15, 2),
    /** The retro bonus percent the plan once paid when met (older 1C configurations), if any. */
    bonusPercent: decimal(3, 2).default('0'),
  })
  .refine((p) => p.period === 'month' || (Number(p.start.slice(5, 7)) - 1) % 3 === 0, {
    message: 'a quarter starts in January, April, July or October',
    path: ['start'],
  });

export type ErpWarehouse = z.infer<typeof ErpWarehouse>;
export type ErpPriceType = z.infer<typeof ErpPriceType>;
export type ErpStaff = z.infer<typeof ErpStaff>;
export type ErpItem = z.infer<typeof ErpItem>;
export type ErpPrice = z.infer<typeof ErpPrice>;
export type ErpStock = z.infer<typeof ErpStock>;
export type ErpClient = z.infer<typeof ErpClient>;
export type ErpPlan = z.infer<typeof ErpPlan>;
