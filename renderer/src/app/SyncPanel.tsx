// The sync panel: what is waiting to be sent (and since when), what the server rejected and why
// (retry, discard, copy the values), and edit conflicts the user should know about.
import { Badge, Button, CopyButton, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { formatTime } from '../shared/format';

export function SyncPanel({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problems = useQuery({
    queryKey: ['sync', 'problems'],
    queryFn: () => unwrap(desk['sync.problems']({})),
    enabled: opened,
    refetchInterval: opened ? 2000 : false,
  });
  const clients = useQuery({
    queryKey: ['clients', 'list'],
    queryFn: () => unwrap(desk['clients.list']({})),
    enabled: opened,
  });
  const clientName = (aggregateOrKey: string): string => {
    const id = Number(aggregateOrKey.replace(/^client:/, ''));
    return clients.data?.find((c) => c.id === id)?.name ?? aggregateOrKey;
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['sync'] });
  const p = problems.data;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={480}
      transitionProps={{ duration: 0 }}
      title={<Title order={5}>{t('sync.title')}</Title>}
      data-testid="sync-panel"
    >
      {p && (
        <Stack gap="md">
          <Button
            size="xs"
            variant="light"
            onClick={() => void desk['sync.now']({}).then(refresh)}
            data-testid="sync-now"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('sync.now')}
          </Button>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={600} size="sm">
                {t('sync.pending')}
              </Text>
              <Badge variant="light" color={p.pending.length ? 'orange' : 'gray'}>
                {p.pending.length}
              </Badge>
            </Group>
            {p.pending.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('sync.nothing')}
              </Text>
            ) : (
              <Text size="xs" c="dimmed">
                {t('sync.oldest', { time: formatTime(p.pending[0]!.createdAt) })}
              </Text>
            )}
            {p.pending.slice(0, 50).map((m) => (
              <Text key={m.seq} size="xs">
                #{m.seq} · {t(`sync.mutation.${m.mutation}`, { defaultValue: m.mutation })} · {clientName(m.aggregate)}{' '}
                · {formatTime(m.createdAt)}
              </Text>
            ))}
          </Stack>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={600} size="sm">
                {t('sync.rejected')}
              </Text>
              <Badge variant="light" color={p.rejected.length ? 'red' : 'gray'}>
                {p.rejected.length}
              </Badge>
            </Group>
            {p.rejected.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('sync.nothing')}
              </Text>
            )}
            {p.rejected.map((m) => (
              <Stack
                key={m.seq}
                gap={2}
                p="xs"
                style={{ border: '1px solid var(--mantine-color-red-2)', borderRadius: 4 }}
              >
                <Text size="xs" fw={500}>
                  {t(`sync.mutation.${m.mutation}`, { defaultValue: m.mutation })} · {clientName(m.aggregate)}
                </Text>
                <Text size="xs" c="red.8">
                  {t(`sync.codes.${m.code}`, { defaultValue: m.code })}
                  {m.message ? ` — ${m.message}` : ''}
                </Text>
                <Group gap={4}>
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => void desk['sync.retry']({ seq: m.seq }).then(refresh)}
                  >
                    {t('sync.retry')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void desk['sync.discard']({ seq: m.seq }).then(refresh)}
                  >
                    {t('sync.discard')}
                  </Button>
                  <CopyButton value={JSON.stringify(m.args, null, 2)}>
                    {({ copied, copy }) => (
                      <Button size="compact-xs" variant="subtle" color="gray" onClick={copy}>
                        {copied ? t('sync.copied') : t('sync.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Stack>
            ))}
          </Stack>
          <Stack gap={4}>
            <Group justify="space-between">
              <Text fw={600} size="sm">
                {t('sync.conflicts')}
              </Text>
              <Badge variant="light" color={p.conflicts.length ? 'yellow' : 'gray'}>
                {p.conflicts.length}
              </Badge>
            </Group>
            {p.conflicts.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('sync.nothing')}
              </Text>
            )}
            {p.conflicts.map((c) => (
              <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="xs">
                  {t(`sync.${c.kind === 'overwrote' ? 'overwrote' : 'overwritten'}`, {
                    by: String(c.payload.byName ?? ''),
                    field: t(`sync.fields.${String(c.payload.field)}`, { defaultValue: String(c.payload.field) }),
                    client: clientName(String(c.payload.key)),
                  })}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => void desk['sync.dismissConflict']({ id: c.id }).then(refresh)}
                >
                  {t('sync.dismiss')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
