// The demo data set as the simulated ERP holds it: the same warehouses, price types, staff,
// items, prices, stock and clients the demo generator makes, in the protocol's shapes, so the
// server loads them exactly as it would load a real distributor's from 1C.
import type { DemoData } from '../../db/demo/demo-types';
import type { ErpMasterData } from './master-store';

export function erpMasterFromDemo(
  demo: Pick<DemoData, 'users' | 'warehouses' | 'price_types' | 'items' | 'prices' | 'stock' | 'clients'>,
): ErpMasterData {
  return {
    warehouses: demo.warehouses.map((w) => ({ id: w.id, code: w.code, name: w.name, city: w.city })),
    priceTypes: demo.price_types.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      withVat: t.with_vat,
      isBase: t.is_base,
      places: t.places,
    })),
    // The ERP keeps managers and supervisors; administrators are the server's own accounts.
    staff: demo.users
      .filter((u) => u.role !== 'admin')
      .map((u) => ({
        id: u.id,
        login: u.login,
        name: u.name,
        role: u.role as 'manager' | 'supervisor',
        supervisorId: u.supervisor_id,
        active: u.active,
      })),
    items: demo.items.map((i) => ({
      id: i.id,
      article: i.article,
      name: i.name,
      manufacturer: i.manufacturer,
      group: i.group_name,
      unit: i.unit,
      packSize: i.pack_size,
      attributes: i.attributes,
      analogGroup: i.analog_group,
      lifecycle: i.lifecycle,
      vatRate: i.vat_rate,
      cost: i.cost,
      weightKg: i.weight_kg,
      volumeM3: i.volume_m3,
      description: i.description,
    })),
    prices: demo.prices.map((p) => ({ itemId: p.item_id, priceTypeId: p.price_type_id, price: p.price })),
    stock: demo.stock.map((s) => ({
      itemId: s.item_id,
      warehouseId: s.warehouse_id,
      quantity: s.quantity,
      leadDays: s.lead_days,
    })),
    clients: demo.clients.map((c) => ({
      id: c.id,
      name: c.name,
      inn: c.inn,
      kpp: c.kpp,
      legalAddress: c.legal_address,
      priceTypeId: c.price_type_id,
      category: c.client_group,
      creditLimit: c.credit_limit,
      paymentTerms: c.payment_terms,
      managerId: c.manager_id,
      contacts: c.contacts,
      deliveryAddresses: c.delivery_addresses,
      agreements: c.agreements,
    })),
    overdue: Object.fromEntries(demo.clients.map((c) => [c.id, c.overdue])),
  };
}
