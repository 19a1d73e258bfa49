// Seasonal programmes: the list on the left (window, state, committed against ordered), the chosen
// programme on the right with its goods and bonus scale, every client's commitment beside what was
// ordered under it (the furthest behind first), and the sums per manager. Supervisors and admins
// define programmes and commitments from the keyboard (Insert, Enter, Delete); managers read.
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellKeyDownEvent, ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentRow, ProgrammeRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { refusalText } from '../shared/refusal';
import { DeskGrid } from '../shared/DeskGrid';
import { formatDate, formatMoney } from '../shared/format';
import { CommitmentDialog } from './CommitmentDialog';
import { ProgrammeDialog } from './ProgrammeDialog';
import { amountText, percentText } from './season-words';

const STATE_COLOR = { upcoming: 'gray', open: 'teal', over: 'blue' } as const;

export function SeasonsScreen({ role }: { role: 'manager' | 'supervisor' | 'admin' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const defines = role !== 'manager';
  const programmes = useQuery({
    queryKey: ['seasons', 'programmes'],
    queryFn: () => unwrap(desk['season.programmes']({})),
  });
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = programmes.data?.find((p) => p.id === chosenId) ?? programmes.data?.[0] ?? null;
  const detail = useQuery({
    queryKey: ['seasons', 'commitments', chosen?.id],
    queryFn: () => unwrap(desk['season.commitments']({ programmeId: chosen!.id })),
    enabled: !!chosen,
  });
  const [editing, setEditing] = useState<{ programme: ProgrammeRow | null } | null>(null);
  const [commitment, setCommitment] = useState<{ row: CommitmentRow | null } | null>(null);
  const [removing, setRemoving] = useState<CommitmentRow | null>(null);
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['seasons'] });
  const fail = (e: unknown) => setSaid({ text: refusalText(t, e, 'season', 'seasons.refused'), bad: true });
  useHotkeys([['Insert', () => defines && chosen && setCommitment({ row: null })]]);

  const listColumns = useMemo<ColDef<ProgrammeRow>[]>(
    () => [
      { field: 'name', headerName: t('seasons.fields.name'), flex: 1, minWidth: 150 },
      {
        field: 'state',
        headerName: '',
        width: 100,
        valueFormatter: (p) => t(`seasons.states.${p.value as string}`),
      },
      {
        colId: 'done',
        headerName: t('seasons.fields.percent'),
        width: 90,
        type: 'rightAligned',
        valueGetter: (p) =>
          p.data && Number(p.data.committed) > 0
            ? `${Math.floor((Number(p.data.ordered) / Number(p.data.committed)) * 100)} %`
            : '—',
      },
    ],
    [t],
  );
  const chosenState = chosen?.state ?? null;
  const columns = useMemo<ColDef<CommitmentRow>[]>(
    () => [
      { field: 'clientName', headerName: t('seasons.fields.client'), flex: 1, minWidth: 180 },
      { field: 'managerName', headerName: t('seasons.fields.manager'), width: 150 },
      {
        colId: 'amount',
        headerName: t('seasons.fields.amount'),
        width: 150,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? amountText(p.data.amount, p.data.unit, t) : ''),
      },
      {
        colId: 'done',
        headerName: t('seasons.fields.ordered'),
        width: 150,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? amountText(p.data.done, p.data.unit, t) : ''),
      },
      {
        field: 'percent',
        headerName: t('seasons.fields.percent'),
        width: 100,
        type: 'rightAligned',
        valueFormatter: (p) => percentText(String(p.value)),
        cellClassRules: { 'cell-warn': (p) => Number(p.value) < 50 && chosenState !== 'upcoming' },
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      { field: 'orders', headerName: t('seasons.fields.orders'), width: 80, type: 'rightAligned' },
      {
        field: 'bonusPercent',
        headerName: t('seasons.fields.bonusPercent'),
        width: 90,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value ? percentText(String(p.value)) : '—'),
      },
      {
        field: 'bonus',
        headerName: t('seasons.fields.bonus'),
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string),
      },
      {
        field: 'nextFrom',
        headerName: t('seasons.fields.next'),
        width: 130,
        valueFormatter: (p) => (p.value ? percentText(String(p.value)) : '—'),
      },
      { field: 'note', headerName: t('seasons.fields.note'), width: 160 },
    ],
    [t, chosenState],
  );
  const taken = (detail.data?.rows ?? []).map((r) => r.clientId);
  return (
    <Group gap="xs" align="stretch" wrap="nowrap" h="100%" p="xs" data-testid="seasons-screen">
      <Stack gap="xs" w={380}>
        <Group gap="xs">
          <Title order={4}>{t('seasons.title')}</Title>
          {defines && (
            <Button size="xs" ml="auto" onClick={() => setEditing({ programme: null })} data-testid="programme-add">
              {t('seasons.add')}
            </Button>
          )}
        </Group>
        <div style={{ flex: 1 }} data-testid="programmes-grid">
          <DeskGrid<ProgrammeRow>
            rowData={programmes.data ?? []}
            columnDefs={listColumns}
            getRowId={(p) => p.data.id}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onRowClicked={(e) => e.data && setChosenId(e.data.id)}
            onCellKeyDown={(e) =>
              (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && setChosenId(e.data.id)
            }
            overlayNoRowsTemplate={`<span>${t('seasons.empty')}</span>`}
          />
        </div>
      </Stack>
      {chosen ? (
        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Paper withBorder p="xs">
            <Group gap="xs">
              <Text fw={600} data-testid="programme-title">
                {chosen.name}
              </Text>
              {chosen.season && <Text c="dimmed">{chosen.season}</Text>}
              <Badge color={STATE_COLOR[chosen.state]} variant="light">
                {t(`seasons.states.${chosen.state}`)}
              </Badge>
              <Text size="sm">
                {t('seasons.window', { from: formatDate(chosen.orderFrom), to: formatDate(chosen.orderTo) })}
              </Text>
              {defines && (
                <Button size="compact-xs" variant="default" ml="auto" onClick={() => setEditing({ programme: chosen })}>
                  {t('seasons.edit')}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('seasons.goods', {
                groups: chosen.groups.join(', ') || '—',
                items: chosen.itemIds.length ? t('seasons.itemsCount', { count: chosen.itemIds.length }) : '',
              })}
              {' · '}
              {chosen.bonusSteps.length
                ? chosen.bonusSteps
                    .map((s) => t('seasons.stepText', { from: percentText(s.from), percent: percentText(s.percent) }))
                    .join('; ')
                : t('seasons.noSteps')}
            </Text>
          </Paper>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {t('seasons.commitments')}
            </Text>
            <Text size="xs" c="dimmed" data-testid="programme-totals">
              {t('seasons.totals', { committed: formatMoney(chosen.committed), ordered: formatMoney(chosen.ordered) })}
            </Text>
            {defines && (
              <>
                <Button size="compact-xs" onClick={() => setCommitment({ row: null })} data-testid="commitment-add">
                  {t('seasons.addCommitment')} · Insert
                </Button>
                <Text size="xs" c="dimmed" ml="auto">
                  {t('seasons.hint')}
                </Text>
              </>
            )}
          </Group>
          {said && (
            <Text size="sm" c={said.bad ? 'red' : 'teal'} data-testid="seasons-said">
              {said.text}
            </Text>
          )}
          <div style={{ flex: 1, minHeight: 200 }} data-testid="commitments-grid">
            <DeskGrid<CommitmentRow>
              rowData={detail.data?.rows ?? []}
              columnDefs={columns}
              getRowId={(p) => String(p.data.clientId)}
              onCellDoubleClicked={(e) => defines && e.data && setCommitment({ row: e.data })}
              onCellKeyDown={(e: CellKeyDownEvent<CommitmentRow>) => {
                const key = (e.event as KeyboardEvent | undefined)?.key;
                if (!defines || !e.data) return;
                if (key === 'Enter') setCommitment({ row: e.data });
                if (key === 'Delete') setRemoving(e.data);
              }}
              overlayNoRowsTemplate={`<span>${t('seasons.noCommitments')}</span>`}
            />
          </div>
          <ManagerSums rows={detail.data?.managers ?? []} />
        </Stack>
      ) : (
        <Text c="dimmed" p="md">
          {programmes.isSuccess && programmes.data.length === 0 ? t('seasons.empty') : t('seasons.pick')}
        </Text>
      )}
      {editing && (
        <ProgrammeDialog
          programme={editing.programme}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setChosenId(id);
            setSaid({ text: t('seasons.saved'), bad: false });
            refresh();
          }}
        />
      )}
      {commitment && chosen && (
        <CommitmentDialog
          programmeId={chosen.id}
          commitment={commitment.row}
          taken={taken}
          onClose={() => setCommitment(null)}
          onSaved={() => {
            setCommitment(null);
            setSaid({ text: t('seasons.saved'), bad: false });
            refresh();
          }}
        />
      )}
      <Modal opened={!!removing} onClose={() => setRemoving(null)} withCloseButton={false}>
        <Text size="sm">
          {t('seasons.removeCommitment')}: {removing?.clientName}?
        </Text>
        <Group justify="flex-end" mt="md">
          <Button size="xs" variant="default" onClick={() => setRemoving(null)}>
            {t('seasons.cancel')}
          </Button>
          <Button
            size="xs"
            color="red"
            data-autofocus
            onClick={() => {
              const r = removing!;
              setRemoving(null);
              unwrap(
                desk['season.setCommitment']({
                  programmeId: chosen!.id,
                  clientId: r.clientId,
                  unit: r.unit,
                  amount: null,
                  note: '',
                }),
              ).then(refresh, fail);
            }}
          >
            {t('seasons.removeCommitment')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}

function ManagerSums({
  rows,
}: {
  rows: { managerName: string; clients: number; committed: string; ordered: string; met: number; bonus: string }[];
}) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <Paper withBorder p="xs" data-testid="season-managers">
      <Text size="sm" fw={500} mb={4}>
        {t('seasons.byManager')}
      </Text>
      <Table fz="xs" striped withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('seasons.fields.manager')}</Table.Th>
            <Table.Th ta="right">{t('seasons.fields.clients')}</Table.Th>
            <Table.Th ta="right">{t('seasons.fields.committed')}</Table.Th>
            <Table.Th ta="right">{t('seasons.fields.ordered')}</Table.Th>
            <Table.Th ta="right">{t('seasons.fields.met')}</Table.Th>
            <Table.Th ta="right">{t('seasons.fields.bonus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.managerName}>
              <Table.Td>{m.managerName}</Table.Td>
              <Table.Td ta="right">{m.clients}</Table.Td>
              <Table.Td ta="right">{formatMoney(m.committed)}</Table.Td>
              <Table.Td ta="right">{formatMoney(m.ordered)}</Table.Td>
              <Table.Td ta="right">{m.met}</Table.Td>
              <Table.Td ta="right">{formatMoney(m.bonus)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
