// The e-mail beside a message of a ticket's thread: where our answer went and whether it arrived
// (queued, retrying, sent, bounced with the receiving server's words), with "send again" to the
// same or a corrected address; for a client's letter, what was not accepted from it.
import { Anchor, Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TicketMail } from '../../../domain/contract';
import { desk, errorText, unwrap } from '../shared/desk';
import { formatTime } from '../shared/format';

/** "refused_files:a.exe (file_type:…); b.zip (too_large:…)" in the user's words. */
function refusedFiles(t: TFunction, error: string | null): string | null {
  const part = error?.split(' | ').find((p) => p.startsWith('refused_files:'));
  if (!part) return null;
  const files = part
    .slice('refused_files:'.length)
    .split('; ')
    .map((f) => {
      const m = /^(.*) \((\w+)(?::.*)?\)$/.exec(f);
      return m ? `${m[1]} — ${t(`mail.why.${m[2]}`, { defaultValue: m[2] })}` : f;
    });
  return t('mail.in.refusedFiles', { files: files.join(', ') });
}

function outText(t: TFunction, m: TicketMail): string {
  const reason = m.error ?? '';
  if (m.state === 'sent') return t('mail.out.sent', { to: m.toAddress, at: m.sentAt ? formatTime(m.sentAt) : '' });
  if (m.state === 'failed' && m.error === 'no_address') return t('mail.out.noAddress');
  if (m.state === 'bounced') return t('mail.out.bounced', { to: m.toAddress, reason });
  if (m.state === 'failed') return t('mail.out.failed', { to: m.toAddress, reason });
  if (m.attempts > 0 && m.error) return t('mail.out.retrying', { to: m.toAddress, attempts: m.attempts, reason });
  return t('mail.out.queued', { to: m.toAddress });
}

export function TicketMailLine({ mail, onResent }: { mail: TicketMail; onResent: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState(mail.toAddress);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (mail.direction === 'in') {
    const refused = refusedFiles(t, mail.error);
    return refused ? (
      <Text size="xs" c="orange.8" data-testid="ticket-mail">
        {refused}
      </Text>
    ) : null;
  }
  const bad = mail.state === 'bounced' || mail.state === 'failed';
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(desk['tickets.resendMail']({ mailId: mail.id, toAddress: address }));
      setOpen(false);
      onResent();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap={6} wrap="nowrap" data-testid="ticket-mail" data-state={mail.state}>
      <Text size="xs" c={bad ? 'red.7' : mail.state === 'sent' ? 'teal.8' : 'dimmed'} style={{ minWidth: 0 }}>
        ✉ {outText(t, mail)}
      </Text>
      {mail.state !== 'queued' && (
        <Popover opened={open} onChange={setOpen} position="bottom-end" withArrow trapFocus>
          <Popover.Target>
            <Anchor component="button" size="xs" onClick={() => setOpen((o) => !o)} data-testid="mail-resend">
              {t('mail.resend')}
            </Anchor>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap={6} w={280}>
              <Text size="sm" fw={500}>
                {t('mail.resendTitle')}
              </Text>
              <TextInput
                size="xs"
                label={t('mail.address')}
                value={address}
                error={error}
                onChange={(e) => setAddress(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void send();
                }}
                data-testid="mail-resend-address"
                data-autofocus
              />
              <Group justify="flex-end" gap={6}>
                <Button size="xs" variant="default" onClick={() => setOpen(false)}>
                  {t('mail.cancel')}
                </Button>
                <Button size="xs" loading={busy} onClick={() => void send()} data-testid="mail-resend-send">
                  {t('mail.send')}
                </Button>
              </Group>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
