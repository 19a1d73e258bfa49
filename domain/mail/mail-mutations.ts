// Mutations on e-mail: a manager resends a message that bounced or failed (or was sent to the
// wrong person), to the same address or a corrected one. The server renders nothing anew: the
// message keeps its text and files and gets a new Message-ID, since it is a new sending.
import { z } from 'zod';
import type { MutationDef, MutationOutcome } from '../sync/mutation-def';
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

export const mailMutations = [resendMail];
