// The simulator generates the demo without orders; the server's demo option with them. Their
// master data must be the same, or the server's desk-side demo data would refer to clients and
// terms the ERP does not have (the big orders' clients were once made prepaid by the order
// generator only, and their submit was blocked by a credit limit).
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import { erpMasterFromDemo } from './demo-master';
import { DocumentBook } from './documents';
import { historyOrders } from './erp-orders';
import { createMasterStore } from './master-store';

describe('the ERP simulator demo set', () => {
  it('has the same master data whatever orders, claims and tickets the server adds', () => {
    const bare = generateDemoData({ items: 500, orders: 0, bigOrders: [], claims: 0, tickets: 0 });
    const full = generateDemoData({
      items: 500,
      orders: 300,
      bigOrders: [200, 300, 400, 500],
      claims: 50,
      tickets: 50,
    });
    expect(erpMasterFromDemo(full)).toEqual(erpMasterFromDemo(bare));
  });
});

describe('a restarted simulator', () => {
  it('holds the same order history and opening documents, so the server re-reading them changes nothing', () => {
    const data = erpMasterFromDemo(generateDemoData({ items: 300, clients: 40, orders: 0, bigOrders: [] }));
    const once = () => {
      const master = createMasterStore(structuredClone(data));
      const documents = new DocumentBook(master);
      documents.issueOpening(new Date());
      return { history: historyOrders(master, 200), documents: [...documents.documents.values()] };
    };
    const first = once();
    expect(first.history.length).toBeGreaterThan(150);
    expect(first.documents.length).toBeGreaterThan(40);
    expect(once()).toEqual(first);
  });
});
