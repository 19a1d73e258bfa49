// What a supervisor sees is their team's: the ERP queue screen lists only the messages of their
// team's clients (an admin sees all). (That they never decide a request of their own is a rule of
// the mutation, tested in domain/pricing/price-floors.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueForErp } from '../../server/erp/outbox';
import type { Query } from '../../server/query';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 10 });
});
afterAll(async () => central?.stop());

const outbox = async (loginName: string): Promise<{ aggregate: string }[]> => {
  const { token } = await login(central.server.url, loginName);
  const res = await fetch(`${central.server.url}/api/erp/outbox?status=pending`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { messages: { aggregate: string }[] }).messages;
};

describe("a supervisor's ERP queue", () => {
  it("lists only their team's messages; an admin sees every one", async () => {
    const teams = await central.store.queryObjects<{ supervisor: string; order_id: string }>(
      `SELECT DISTINCT ON (s.id) s.login AS supervisor, o.id AS order_id
       FROM users s JOIN users m ON m.supervisor_id = s.id JOIN orders o ON o.manager_id = m.id
       WHERE s.role = 'supervisor' ORDER BY s.id, o.id`,
    );
    expect(teams.length).toBeGreaterThanOrEqual(2);
    const [mine, theirs] = teams as [
      { supervisor: string; order_id: string },
      { supervisor: string; order_id: string },
    ];
    const query = central.store.queryObjects.bind(central.store) as Query;
    for (const t of [mine, theirs])
      await enqueueForErp(query, { aggregate: `order:${t.order_id}`, method: 'order.submit', payload: {} });
    const seen = (await outbox(mine.supervisor)).map((m) => m.aggregate);
    expect(seen).toContain(`order:${mine.order_id}`);
    expect(seen).not.toContain(`order:${theirs.order_id}`);
    const all = (await outbox('admin')).map((m) => m.aggregate);
    expect(all).toEqual(expect.arrayContaining([`order:${mine.order_id}`, `order:${theirs.order_id}`]));
  });
});
