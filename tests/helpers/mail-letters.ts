// Test helper for e-mail: a client's letter as raw RFC 822 text, an encoded subject, and a ticket
// opened on a desk and numbered by the server (a letter finds its ticket by that number).
import type { DeskCore } from '../../main/desk-core';
import type { CentralStore } from '../../server/store';
import { until } from './until';

export function letter(h: Record<string, string>, body: string): string {
  const headers = {
    'Message-ID': `<${Math.random().toString(36).slice(2)}@client.test>`,
    Date: new Date().toUTCString(),
    ...h,
  };
  return `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join(
      '\r\n',
    )}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;
}

export const encoded = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

/** A ticket of `clientId` opened on `desk`, once the server has given it its number. */
export async function openTicket(
  desk: DeskCore,
  store: CentralStore,
  clientId: number,
  subject: string,
): Promise<{ id: string; number: string }> {
  const { id } = await desk.handlers['tickets.create']({
    clientId,
    category: 'question',
    subject,
    fields: {},
    body: 'Вопрос клиента по телефону',
    attachments: [],
  });
  let number: string | null = null;
  await until(async () => {
    const [row] = await store.queryObjects<{ number: string | null }>(`SELECT number FROM tickets WHERE id = $1`, [id]);
    number = row?.number ?? null;
    return number !== null;
  }, 10_000);
  return { id, number: number! };
}
