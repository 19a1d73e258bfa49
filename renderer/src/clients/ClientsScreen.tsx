// Clients: the user's clients in a grid and the selected client's card — ERP requisites and
// terms read-only, contacts, delivery addresses and notes editable, also offline (every save is
// a mutation: applied on this computer at once, sent to the server when connected).
import { Group, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientListRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { desk, unwrap } from '../shared/desk';
import { formatMoney } from '../shared/format';
import { DeskGrid } from '../shared/DeskGrid';

import { ClientWorkspace } from './ClientWorkspace';

/** One object for every render: a new one would make the grid rebuild its columns. */
const FILTERED_COLUMN = { filter: true, suppressHeaderFilterButton: true } as const;

export function ClientsScreen({ role, jump }: { role: Role; jump?: { id: string; n: number } | null }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const [selected, setSelected] = useState<number | null>(jump ? Number(jump.id) : null);
  useEffect(() => {
    if (jump) setSelected(Number(jump.id));
  }, [jump]);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (list.data ?? []).filter((c) => !q || c.name.toLowerCase().includes(q) || c.inn.includes(q));
  }, [list.data, query]);

  const columns = useMemo<ColDef<ClientListRow>[]>(
    () => [
      { field: 'name', headerName: t('clients.columns.name'), flex: 2, minWidth: 220 },
      { field: 'inn', headerName: t('clients.columns.inn'), width: 120 },
      { field: 'managerName', headerName: t('clients.columns.manager'), width: 160 },
      { field: 'priceType', headerName: t('clients.columns.priceType'), width: 140 },
      { field: 'paymentTerms', headerName: t('clients.columns.terms'), width: 150 },
      {
        field: 'creditLimit',
        headerName: t('clients.columns.creditLimit'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
      },
      {
        field: 'overdue',
        headerName: t('clients.columns.overdue'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p) => (Number(p.value) > 0 ? formatMoney(p.value as string) : ''),
        cellStyle: (p) => (Number(p.value) > 0 ? { color: 'var(--mantine-color-red-7)' } : null),
      },
      {
        field: 'pendingChanges',
        headerName: t('clients.columns.pending'),
        width: 80,
        type: 'numericColumn',
        valueFormatter: (p) => (p.value ? String(p.value) : ''),
      },
    ],
    [t],
  );

  return (
    <div className="desk-screen" style={{ flexDirection: 'row' }}>
      <div className="desk-screen" style={{ flex: 1, minWidth: 0 }}>
        <Group px="md" py={6} gap="md">
          <TextInput
            placeholder={t('clients.search')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
            data-testid="clients-search"
          />
          <Text size="xs" c="dimmed" ml="auto">
            {t('clients.shown', { count: rows.length })}
          </Text>
        </Group>
        <div className="desk-grid" data-testid="clients-grid">
          <DeskGrid<ClientListRow>
            rowData={rows}
            columnDefs={columns}
            defaultColDef={FILTERED_COLUMN}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onRowClicked={(e) => e.data && setSelected(e.data.id)}
            onCellKeyDown={(e) =>
              (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && setSelected(e.data.id)
            }
          />
        </div>
      </div>
      {selected === null ? (
        <Text p="md" c="dimmed" size="sm" w={520} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
          {t('clients.none')}
        </Text>
      ) : (
        <ClientWorkspace key={selected} clientId={selected} role={role} />
      )}
    </div>
  );
}
