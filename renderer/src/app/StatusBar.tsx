// The status bar: connection, sync progress or last sync time, unsent changes, the ERP link as the
// server reports it (online / degraded / offline since, queue depth, oldest message), and rows
// held in the replica.
import { Button, Group, Progress, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErpLinkStatus, SyncStatus } from '../../../domain/contract';
import { desk } from '../shared/desk';
import { formatCount, formatTime } from '../shared/format';

const ERP_DOT: Record<ErpLinkStatus['state'], string> = {
  online: 'teal',
  degraded: 'yellow',
  offline: 'red',
  unknown: 'gray',
};

/** How long ago, in words: "12 мин", "3 ч 5 мин". */
export function useAge(): (iso: string | null) => string {
  const { t } = useTranslation();
  return (iso) => {
    if (!iso) return '';
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60_000));
    if (minutes < 1) return t('erp.justNow');
    if (minutes < 60) return t('erp.minutes', { count: minutes });
    return t('erp.hours', { count: Math.floor(minutes / 60), minutes: minutes % 60 });
  };
}

function ErpIndicator({ erp }: { erp: ErpLinkStatus }) {
  const { t } = useTranslation();
  const age = useAge();
  const parts = [t(`erp.${erp.state}`, { since: formatTime(erp.since) })];
  if (erp.pending > 0)
    parts.push(t('erp.queue', { n: formatCount(erp.pending) }), t('erp.oldest', { age: age(erp.oldestPendingAt) }));
  return (
    <Group
      gap={6}
      wrap="nowrap"
      data-testid="erp-status"
      data-state={erp.state}
      title={[erp.lastError, erp.checkedAt ? t('erp.checked', { time: formatTime(erp.checkedAt) }) : '']
        .filter(Boolean)
        .join(' · ')}
    >
      <span
        style={{
          width: 8,
          height: 8,
          borderRadius: 4,
          background: `var(--mantine-color-${ERP_DOT[erp.state]}-6)`,
          display: 'inline-block',
        }}
      />
      <Text size="xs" c={erp.state === 'offline' ? 'red.8' : erp.state === 'degraded' ? 'yellow.9' : undefined}>
        {parts.join(' · ')}
      </Text>
      {erp.parked > 0 && (
        <Text size="xs" c="red.7" fw={600}>
          {t('erp.parked', { count: erp.parked })}
        </Text>
      )}
    </Group>
  );
}

const DOT: Record<SyncStatus['connection'], string> = { online: 'teal', offline: 'red', connecting: 'yellow' };

export function StatusBar({ status, onOpenSync }: { status: SyncStatus; onOpenSync: () => void }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" gap="lg" wrap="nowrap" data-testid="status-bar">
      <Group gap={6} wrap="nowrap">
        <span
          style={{
            width: 8,
            height: 8,
            borderRadius: 4,
            background: `var(--mantine-color-${DOT[status.connection]}-6)`,
            display: 'inline-block',
          }}
        />
        <Text size="xs" data-testid="connection">
          {t(`status.${status.connection}`)}
        </Text>
        {status.connection !== 'online' && status.user && (
          // Waiting out a reconnect backoff (up to 30 s) when the user knows the network is back.
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => void desk['sync.now']({})}
            data-testid="connect-now"
          >
            {t('status.connectNow')}
          </Button>
        )}
      </Group>
      {status.progress ? (
        <Group gap={6} wrap="nowrap" style={{ minWidth: 260 }}>
          <Progress value={(100 * status.progress.done) / Math.max(1, status.progress.total)} size="sm" w={120} />
          <Text size="xs">
            {t('status.syncing', {
              done: formatCount(status.progress.done),
              total: formatCount(status.progress.total),
            })}
          </Text>
        </Group>
      ) : (
        <Text size="xs" c="dimmed" data-testid="last-sync">
          {status.lastSyncAt ? t('status.lastSync', { time: formatTime(status.lastSyncAt) }) : t('status.neverSynced')}
        </Text>
      )}
      <UnstyledButton onClick={onOpenSync} data-testid="sync-button" title="Ctrl+Shift+S">
        <Group gap={8} wrap="nowrap">
          <Text
            size="xs"
            c={status.pending ? 'orange.8' : 'dimmed'}
            fw={status.pending ? 600 : undefined}
            data-testid="pending"
          >
            {status.pending ? t('status.pending', { count: status.pending }) : t('status.allSent')}
          </Text>
          {status.rejected > 0 && (
            <Text size="xs" c="red.7" fw={600}>
              {t('status.rejected', { count: status.rejected })}
            </Text>
          )}
          {status.conflicts > 0 && (
            <Text size="xs" c="yellow.8" fw={600}>
              {t('status.conflicts', { count: status.conflicts })}
            </Text>
          )}
        </Group>
      </UnstyledButton>
      {status.erp && <ErpIndicator erp={status.erp} />}
      <Text size="xs" c="dimmed">
        {t('status.rows', { rows: formatCount(status.rowsInReplica) })}
      </Text>
      {status.notices.map((n) => {
        const [key, file] = n.split(':');
        return (
          <Text key={n} size="xs" c="orange.8">
            {t(`notices.${key}`, { file })}
          </Text>
        );
      })}
      {status.lastError && (
        <Text size="xs" c="red.7">
          {t(`errors.${status.lastError.code}`, {
            message: status.lastError.message,
            defaultValue: status.lastError.message,
          })}
        </Text>
      )}
    </Group>
  );
}
