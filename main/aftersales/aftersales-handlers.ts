// Claims', tickets' and their notices' part of the contract: queues and details read from the
// replica, every step a mutation (offline too), the claim form made on the desk as a PDF.
import { randomUUID } from 'node:crypto';
import { isImage } from '../../domain/aftersales/attachment';
import { SUPPLIER_NAME } from '../../domain/aftersales/claim-form';
import type { aftersalesMethods, claimsMethods, HandlersOf, ticketsMethods } from '../../domain/contract';
import { createClientService } from '../clients/clients';
import type { DeskSession } from '../session/desk-session';
import { createAftersales } from './aftersales';
import { claimFormPdf } from './claim-form-pdf';

type AftersalesHandlers = HandlersOf<typeof claimsMethods & typeof ticketsMethods & typeof aftersalesMethods>;

export function aftersalesHandlers(s: DeskSession): AftersalesHandlers {
  const aftersales = createAftersales(s.replica.sqlite, () => s.user);
  return {
    'claims.list': (filter) => aftersales.claims(filter),
    'claims.get': ({ claimId }) => aftersales.claim(claimId),
    'claims.claimable': ({ orderId }) => aftersales.claimable(orderId),
    'claims.create': (args) => {
      const id = randomUUID();
      return { id, ...s.mutate('claim.create@1', { claimId: id, ...args }) };
    },
    'claims.move': (args) => s.mutate('claim.move@1', { ...args, orderId: aftersales.claimOrder(args.claimId) }),
    'claims.attach': (args) => s.mutate('claim.attach@1', args),
    'claims.form': async ({ claimId }) => {
      const claim = aftersales.claim(claimId);
      const client = createClientService(s.replica.sqlite).card(claim.clientId);
      // Photos that cannot be read now (offline, not yet downloaded) are listed, not shown.
      const photos: { name: string; dataUrl: string }[] = [];
      for (const a of claim.attachments.filter((x) => isImage(x.mime))) {
        const dataUrl = await s.files.thumbnail(a.sha256).catch(() => null);
        if (dataUrl) photos.push({ name: a.name, dataUrl });
      }
      const pdf = await claimFormPdf({ claim, client, supplier: SUPPLIER_NAME, photos });
      return { name: `Рекламация ${claim.number ?? claim.id.slice(0, 8)}.pdf`, base64: pdf.toString('base64') };
    },
    'tickets.list': (filter) => aftersales.tickets(filter),
    'tickets.get': ({ ticketId }) => aftersales.ticket(ticketId),
    'tickets.create': (args) => {
      const id = randomUUID();
      return { id, ...s.mutate('ticket.create@1', { ticketId: id, messageId: randomUUID(), ...args }) };
    },
    'tickets.reply': (args) => s.mutate('ticket.reply@1', { messageId: randomUUID(), ...args }),
    'tickets.setStatus': (args) => s.mutate('ticket.setStatus@1', args),
    'tickets.resendMail': (args) => s.mutate('mail.resend@1', args),
    'tickets.assign': (args) =>
      s.mutate('ticket.assign@1', { ...args, managerId: aftersales.ticketManager(args.ticketId) }),
    'tickets.assignees': ({ ticketId }) => aftersales.assignees(ticketId),
    'aftersales.counts': () => aftersales.counts(),
    'aftersales.notices': () => aftersales.notices(),
    'aftersales.seen': ({ keys }) => {
      aftersales.seen(keys);
      return null;
    },
  };
}
