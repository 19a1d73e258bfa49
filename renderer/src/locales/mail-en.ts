// English texts of e-mail beside a ticket's thread (see mail-ru.ts).
import type { mailRu } from './mail-ru';

export const mailEn: typeof mailRu = {
  clientWrote: '{{client}} · e-mail from {{from}}',
  out: {
    queued: 'E-mail to {{to}} waiting to be sent',
    retrying: 'E-mail to {{to}}: attempt {{attempts}} failed ({{reason}}), will retry',
    sent: 'E-mail sent to {{to}} · {{at}}',
    bounced: 'E-mail to {{to}} was not delivered: {{reason}}',
    failed: 'E-mail to {{to}} was not sent: {{reason}}',
    noAddress: 'E-mail not sent: the client has no e-mail address',
  },
  in: {
    refusedFiles: 'Attachments not accepted: {{files}} (the whole e-mail is kept on the server)',
  },
  why: {
    winmail: "Outlook's winmail.dat",
    too_large: 'over 25 MB',
    file_type: 'file type not allowed',
    no_file_store: 'the server keeps no files',
  },
  shipmentTo: 'Letters when an order ships:',
  resend: 'Send again',
  resendTitle: 'Send the e-mail again',
  address: 'Recipient address',
  send: 'Send',
  cancel: 'Cancel',
  resent: 'E-mail queued for {{to}}',
};

export const mailTriageEn: typeof import('./mail-ru').mailTriageRu = {
  title: 'Unsorted mail',
  hint: "Letters from unknown addresses and letters not from the client's contact. Open a request for the right client or set the letter aside.",
  empty: 'No unsorted letters.',
  columns: { at: 'Received', from: 'From', subject: 'Subject', reason: 'Why here' },
  reasons: {
    unknown_sender: 'unknown address',
    ambiguous_sender: 'address of several clients',
    sender_not_client: "not a contact of the request's client",
  },
  pick: 'Pick a letter on the left',
  client: 'Client',
  clientPlaceholder: 'Name or INN',
  open: 'Open a request',
  discard: 'Set aside',
  opened: 'Request opened',
  loading: 'Loading the letter…',
};
