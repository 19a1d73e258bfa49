// The admins' audit log on the Users screen: who did what to whom and when, with the state
// before and after, newest first, as the server recorded it with each change.
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../domain/contract';
import { desk, errorText, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { formatTime } from '../shared/format';

type T = (key: string, o?: Record<string, unknown>) => string;

/** One field of a logged state, in words: roles, access, and people by name. */
function word(key: string, v: unknown, t: T, names: ReadonlyMap<number, string>): string {
  if (key === 'role' && typeof v === 'string') return t(`roles.${v}`);
  if (key === 'account' && typeof v === 'string') return t(`accounts.account.${v}`);
  if (key === 'active') return v ? t('accounts.account.ready') : t('accounts.account.off');
  if (key === 'supervisorId' || key === 'managerId')
    return v === null ? t('accounts.noTeam') : (names.get(Number(v)) ?? `#${String(v)}`);
  if (key === 'sessionsEnded') return t('accounts.audit.sessionsEnded', { count: Number(v) });
  return `${key}: ${String(v)}`;
}

/** Before → after, only what changed (sessions ended are said when there were any). */
function change(before: unknown, after: unknown, t: T, names: ReadonlyMap<number, string>): string {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = Object.keys(a).filter((k) => (k === 'sessionsEnded' ? Number(a[k]) > 0 : b[k] !== a[k]));
  return keys
    .map((k) => (k in b ? `${word(k, b[k], t, names)} → ${word(k, a[k], t, names)}` : word(k, a[k], t, names)))
    .join('; ');
}

export function AdminAudit({ names }: { names: ReadonlyMap<number, string> }) {
  const { t } = useTranslation();
  const audit = useQuery({
    queryKey: ['accounts', 'audit'],
    queryFn: () => unwrap(desk['accounts.audit']({})),
    refetchInterval: 10_000,
    retry: false,
  });
  const columns = useMemo<ColDef<AuditRow>[]>(
    () => [
      {
        field: 'at',
        headerName: t('accounts.audit.at'),
        width: 140,
        valueFormatter: (p) => formatTime(p.value as string),
      },
      {
        field: 'actorName',
        headerName: t('accounts.audit.actor'),
        width: 200,
        valueFormatter: (p) => (p.value as string | null) ?? t('accounts.audit.server'),
      },
      {
        field: 'action',
        headerName: t('accounts.audit.action'),
        width: 190,
        valueFormatter: (p) => t(`accounts.audit.actions.${p.value as string}`, { defaultValue: p.value as string }),
      },
      {
        colId: 'target',
        headerName: t('accounts.audit.target'),
        width: 240,
        valueGetter: (p) => p.data?.targetName ?? p.data?.target,
      },
      {
        colId: 'change',
        headerName: t('accounts.audit.change'),
        flex: 1,
        minWidth: 280,
        valueGetter: (p) => change(p.data?.before, p.data?.after, t, names),
        tooltipValueGetter: (p) => JSON.stringify({ before: p.data?.before, after: p.data?.after }),
      },
    ],
    [t, names],
  );
  return (
    <div className="desk-grid" data-testid="audit-grid">
      {audit.error && (
        <Text size="xs" c="red" px="md">
          {errorText(t, audit.error)}
        </Text>
      )}
      <DeskGrid<AuditRow>
        rowData={audit.data ?? []}
        columnDefs={columns}
        getRowId={(p) => String(p.data.id)}
        overlayNoRowsTemplate={t('accounts.audit.empty')}
      />
    </div>
  );
}
