// Moving clients from one manager to another (a manager leaves, a territory changes hands): pick
// the manager, tick one or many of their clients (Ctrl+A for all), pick who takes them. Each move
// is a queued change, offline too; the server moves the clients' orders, claims and tickets with
// them to the new manager's desk and takes them off the old one's.
import { Alert, Button, Group, Select, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientListRow } from '../../../domain/contract';
import { formatMoney } from '../shared/format';
import { desk, errorText, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';

export function ClientTransfer() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [grid, setGrid] = useState<GridApi<ClientListRow> | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const managers = useQuery({ queryKey: ['team.managers'], queryFn: () => unwrap(desk['team.managers']({})) });
  const clients = useQuery({ queryKey: ['clients'], queryFn: () => unwrap(desk['clients.list']({})) });
  const theirs = useMemo(() => (clients.data ?? []).filter((c) => c.managerId === from), [clients.data, from]);
  const options = (managers.data ?? []).filter((m) => m.active).map((m) => ({ value: String(m.id), label: m.name }));

  const columns = useMemo<ColDef<ClientListRow>[]>(
    () => [
      { field: 'name', headerName: t('clients.columns.name'), flex: 1, minWidth: 260 },
      { field: 'inn', headerName: t('clients.columns.inn'), width: 130 },
      {
        field: 'overdue',
        headerName: t('clients.columns.overdue'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(String(p.value)),
      },
    ],
    [t],
  );

  const move = async () => {
    if (!to || picked.length === 0) return;
    const r = await desk['clients.reassignMany']({ clientIds: picked, managerId: to });
    if (!r.ok) return setResult({ ok: false, text: errorText(t, r.error) });
    setResult({ ok: true, text: t('accounts.reassign.done', { count: r.value.queued }) });
    grid?.deselectAll();
    setPicked([]);
    await queryClient.invalidateQueries({ queryKey: ['clients'] });
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }} data-testid="client-transfer">
      <Group px="md" py={6} gap="md" wrap="nowrap" align="flex-end">
        <Select
          size="xs"
          w={260}
          label={t('accounts.reassign.from')}
          value={from === null ? null : String(from)}
          onChange={(v) => {
            setFrom(v ? Number(v) : null);
            setPicked([]);
            setResult(null);
          }}
          data={options}
          searchable
          data-testid="transfer-from"
        />
        <Select
          size="xs"
          w={260}
          label={t('accounts.reassign.to')}
          value={to === null ? null : String(to)}
          onChange={(v) => setTo(v ? Number(v) : null)}
          data={options.filter((o) => o.value !== String(from))}
          searchable
          data-testid="transfer-to"
        />
        <Button
          size="xs"
          disabled={!to || picked.length === 0}
          onClick={() => void move()}
          data-testid="transfer-submit"
        >
          {t('accounts.reassign.submit')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('accounts.reassign.selected', { count: picked.length })}
        </Text>
      </Group>
      {result && (
        <Alert color={result.ok ? 'teal' : 'red'} variant="light" mx="md" p={6} data-testid="transfer-result">
          <Text size="xs">{result.text}</Text>
        </Alert>
      )}
      <div className="desk-grid" data-testid="transfer-grid">
        <DeskGrid<ClientListRow>
          rowData={theirs}
          columnDefs={columns}
          getRowId={(p) => String(p.data.id)}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: true }}
          onGridReady={(e) => setGrid(e.api)}
          onSelectionChanged={(e) => setPicked(e.api.getSelectedRows().map((r) => r.id))}
          overlayNoRowsTemplate={t('accounts.reassign.none')}
        />
      </div>
    </div>
  );
}
