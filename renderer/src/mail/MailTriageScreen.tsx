// The supervisors' mail triage (Alt+M): letters no client is known by, or written into another
// client's ticket. Pick one (↑/↓ or click), read it whole, then open a request for the client it
// belongs to (Ctrl+Enter) or set it aside. The list follows sync: another supervisor's sorting
// removes the letter here too.
import { Button, Group, Paper, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TriageLetter } from '../../../domain/contract';
import { desk, errorText, onDeskEvent, unwrap } from '../shared/desk';
import { formatTime } from '../shared/format';

function reasonText(t: (k: string, o?: Record<string, unknown>) => string, reason: string | null): string {
  const head = (reason ?? '').split(' | ')[0] ?? '';
  return head ? t(`mailTriage.reasons.${head}`, { defaultValue: head }) : '';
}

function LetterPanel({ letter, onDone }: { letter: TriageLetter; onDone: () => void }) {
  const { t } = useTranslation();
  const [clientId, setClientId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = useQuery({
    queryKey: ['mail', 'letter', letter.id],
    queryFn: () => unwrap(desk['mail.letter']({ mailId: letter.id })),
  });
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const options = useMemo(
    () => (clients.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} · ${c.inn}` })),
    [clients.data],
  );
  const act = async (what: 'open' | 'discard') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'open' && clientId) {
        await unwrap(desk['mail.openTicket']({ mailId: letter.id, clientId: Number(clientId) }));
        notifications.show({ message: t('mailTriage.opened'), color: 'teal' });
      } else if (what === 'discard') await unwrap(desk['mail.discard']({ mailId: letter.id }));
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={8} style={{ flex: 1, minWidth: 0 }} data-testid="triage-letter">
      <Text size="sm" fw={600}>
        {letter.subject || '—'}
      </Text>
      <Text size="xs" c="dimmed">
        {letter.fromAddress} · {formatTime(letter.createdAt)} · {reasonText(t, letter.reason)}
      </Text>
      <Paper withBorder p={8} style={{ flex: 1, minHeight: 120, overflow: 'auto' }}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {text.data ? text.data.text : text.error ? errorText(t, text.error) : t('mailTriage.loading')}
        </Text>
      </Paper>
      <Group gap={8} align="flex-end" wrap="nowrap">
        <Select
          size="xs"
          style={{ flex: 1 }}
          label={t('mailTriage.client')}
          placeholder={t('mailTriage.clientPlaceholder')}
          data={options}
          value={clientId}
          onChange={setClientId}
          searchable
          limit={50}
          data-testid="triage-client"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void act('open');
          }}
        />
        <Button
          size="xs"
          disabled={!clientId}
          loading={busy}
          onClick={() => void act('open')}
          data-testid="triage-open"
        >
          {t('mailTriage.open')}
        </Button>
        <Button
          size="xs"
          variant="default"
          loading={busy}
          onClick={() => void act('discard')}
          data-testid="triage-discard"
        >
          {t('mailTriage.discard')}
        </Button>
      </Group>
      {error && (
        <Text size="xs" c="red.7">
          {error}
        </Text>
      )}
    </Stack>
  );
}

export function MailTriageScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['mail', 'triage'], queryFn: () => unwrap(desk['mail.triage']({})) });
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.includes('mail_messages')) void queryClient.invalidateQueries({ queryKey: ['mail', 'triage'] });
      }),
    [queryClient],
  );
  const letters = list.data ?? [];
  const current = letters.find((l) => l.id === selected) ?? null;
  const move = (step: number) => {
    const i = letters.findIndex((l) => l.id === selected);
    const next = letters[Math.max(0, Math.min(letters.length - 1, i + step))];
    if (next) setSelected(next.id);
  };
  return (
    <div className="desk-screen" data-testid="mail-triage-screen" style={{ padding: 8, gap: 8 }}>
      <Group gap={8} align="baseline">
        <Title order={4}>{t('mailTriage.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('mailTriage.hint')}
        </Text>
      </Group>
      <Group align="stretch" gap={12} wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <ScrollArea
          style={{ width: '55%' }}
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') move(1);
            if (e.key === 'ArrowUp') move(-1);
          }}
        >
          {letters.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('mailTriage.empty')}
            </Text>
          ) : (
            <Table highlightOnHover striped={false} verticalSpacing={4} fz="sm" data-testid="triage-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mailTriage.columns.at')}</Table.Th>
                  <Table.Th>{t('mailTriage.columns.from')}</Table.Th>
                  <Table.Th>{t('mailTriage.columns.subject')}</Table.Th>
                  <Table.Th>{t('mailTriage.columns.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {letters.map((l) => (
                  <Table.Tr
                    key={l.id}
                    onClick={() => setSelected(l.id)}
                    bg={l.id === selected ? 'indigo.0' : undefined}
                    style={{ cursor: 'pointer' }}
                    data-testid="triage-row"
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(l.createdAt)}</Table.Td>
                    <Table.Td>{l.fromAddress}</Table.Td>
                    <Table.Td>{l.subject}</Table.Td>
                    <Table.Td c="dimmed">{reasonText(t, l.reason)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </ScrollArea>
        {current ? (
          <LetterPanel key={current.id} letter={current} onDone={() => setSelected(null)} />
        ) : (
          <Text size="sm" c="dimmed" p="sm">
            {t('mailTriage.pick')}
          </Text>
        )}
      </Group>
    </div>
  );
}
