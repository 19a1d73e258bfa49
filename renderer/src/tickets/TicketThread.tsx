// A ticket's thread: our answers and what the client said, oldest first, each with its files
// and, where it went or came by e-mail, the letter's line (who wrote, where it went, its state).
import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketDetails } from '../../../domain/contract';
import { AttachmentList } from '../aftersales/Attachments';
import { formatTime } from '../shared/format';
import { TicketMailLine } from './TicketMailLine';

export function TicketThread({ ticket, onMailResent }: { ticket: TicketDetails; onMailResent: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="ticket-thread">
      {ticket.messages.map((m) => (
        <Paper
          key={m.id}
          p={6}
          withBorder
          radius="sm"
          bg={m.authorKind === 'staff' ? 'indigo.0' : 'gray.0'}
          ml={m.authorKind === 'staff' ? 80 : 0}
          mr={m.authorKind === 'staff' ? 0 : 80}
          data-testid="ticket-message"
        >
          <Text size="xs" c="dimmed">
            {m.mail?.direction === 'in'
              ? t('mail.clientWrote', { client: ticket.clientName, from: m.mail.fromAddress })
              : m.authorKind === 'client'
                ? t('tickets.clientSaid', { client: ticket.clientName, by: m.authorName })
                : m.authorName}{' '}
            · {formatTime(m.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.body}
          </Text>
          {m.attachments.length > 0 && <AttachmentList files={m.attachments} />}
          {m.mail && <TicketMailLine mail={m.mail} onResent={onMailResent} />}
        </Paper>
      ))}
    </Stack>
  );
}
