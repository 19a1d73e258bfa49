// Mutations on e-mail: a manager resends a message that bounced or failed (or was sent to the
// wrong person), to the same address or a corrected one. The server renders nothing anew: the
// message keeps its text and files and gets a new Message-ID, since it is a new sending.
import { z } from 'zod';
import { lookUp, type MutationDef, type MutationOutcome } from '../sync/mutation-def';
import { MailAddress } from './mail-effects';

const reject = (code: 'not_found' | 'invalid', message: string): MutationOutcome => ({ ok: false, code, message });

const ResendArgs = z.object({ mailId: z.string().uuid(), toAddress: MailAddress }).strict();
export type ResendMailArgs = z.input<typeof ResendArgs>;

export const resendMail: MutationDef<z.infer<typeof ResendArgs>> = {
  name: 'mail.resend@1',
  args: ResendArgs,
  aggregate: (a) => `mail:${a.mailId}`,
  reads: (a) => [{ table: 'mail_messages', key: a.mailId }],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const mail = rows.get(`mail_messages|${a.mailId}`);
    if (!mail) return reject('not_found', `E-mail ${a.mailId} not found`);
    if (mail.direction !== 'out') return reject('invalid', 'mail_not_outgoing');
    return {
      ok: true,
      writes: [
        {
          table: 'mail_messages',
          key: a.mailId,
          row: { ...mail, state: 'queued', to_address: a.toAddress, error: null, sent_at: null },
        },
      ],
      conflicts: [],
      mail: [{ kind: 'resend', mailId: a.mailId }],
    };
  },
};

const ShipmentArgs = z
  .object({ clientId: z.number().int().positive(), shippedTo: z.array(MailAddress).max(20) })
  .strict();
export type ShipmentMailArgs = z.input<typeof ShipmentArgs>;

/** Which of the client's contacts get a letter when an order ships (by address; empty: nobody). */
export const setShipmentMail: MutationDef<z.infer<typeof ShipmentArgs>> = {
  name: 'client.setShipmentMail@1',
  args: ShipmentArgs,
  aggregate: (a) => `client:${a.clientId}`,
  reads: (a) => [lookUp('clients', String(a.clientId)), { table: 'client_mail_prefs', key: String(a.clientId) }],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const client = rows.get(`clients|${a.clientId}`);
    if (!client) return reject('not_found', `Client ${a.clientId} not found`);
    return {
      ok: true,
      writes: [
        {
          table: 'client_mail_prefs',
          key: String(a.clientId),
          row: { client_id: a.clientId, manager_id: client.manager_id, shipped_to: [...new Set(a.shippedTo)].sort() },
        },
      ],
      conflicts: [],
    };
  },
};

export const mailMutations = [resendMail, setShipmentMail];
