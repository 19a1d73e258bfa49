// The supervisor's sales plans: a year of the team's plans (quarters and months, whole books or
// clients, all groups or one) beside what was sold against each, the running ones first in mind;
// a plan set, changed or removed from the keyboard (Insert, Enter, Delete), offline too; 1C's own
// plans shown read-only; the history of the chosen plan beside the grid.
import { ActionIcon, Badge, Button, Group, Modal, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellKeyDownEvent, ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesPlanRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { refusalText } from '../shared/refusal';
import { DeskGrid } from '../shared/DeskGrid';
import { formatMoney } from '../shared/format';
import { TeamManagerSelect } from '../shared/TeamManagerSelect';
import { draftOf, PlanDialog, type PlanDraft } from './PlanDialog';
import { PlanHistory } from './PlanHistory';
import { periodLabel } from './plan-words';

const mskNow = () => new Date(Date.now() + 3 * 3600_000).toISOString();
const thisYear = () => Number(mskNow().slice(0, 4));
/** The first day of the quarter of an instant's date (YYYY-MM-01). */
const quarterStart = (iso: string) =>
  `${iso.slice(0, 4)}-${String(Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

export function PlansScreen() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(thisYear);
  const [managerId, setManagerId] = useState<number | null>(null);
  const [selected, setSelected] = useState<SalesPlanRow | null>(null);
  const [dialog, setDialog] = useState<{ draft: PlanDraft; editing: boolean } | null>(null);
  const [removing, setRemoving] = useState<SalesPlanRow | null>(null);
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  // The plan just saved: shown and chosen once the board has it (it may sit thousands of rows down).
  const [focusId, setFocusId] = useState<string | null>(null);
  const board = useQuery({
    queryKey: ['plans', 'list', year, managerId],
    queryFn: () => unwrap(desk['plans.list']({ year, ...(managerId ? { managerId } : {}) })),
  });
  const editable = (r: SalesPlanRow) => r.source === 'desk' && !r.managerLeft;
  const describe = (r: SalesPlanRow) =>
    [
      r.managerName,
      r.clientName ?? t('plans.allClients'),
      r.group || t('plans.allGroups'),
      periodLabel(r.period, r.start, t, i18n.language),
    ].join(' · ');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['plans'] });
  const openNew = () =>
    setDialog({
      draft: {
        managerId: managerId ?? selected?.managerId ?? null,
        clientId: 0,
        group: '',
        period: 'quarter',
        // The running quarter of this year; January of another.
        start: year === thisYear() ? quarterStart(mskNow()) : `${year}-01-01`,
        amount: '',
        note: '',
      },
      editing: false,
    });
  const openEdit = (r: SalesPlanRow) => {
    if (!editable(r))
      return setSaid({ text: r.managerLeft ? t('plans.refused.manager_left') : t('plans.readOnly'), bad: true });
    setDialog({ draft: draftOf(r), editing: true });
  };
  const askRemove = (r: SalesPlanRow) => {
    if (!editable(r))
      return setSaid({ text: r.managerLeft ? t('plans.refused.manager_left') : t('plans.readOnly'), bad: true });
    setRemoving(r);
  };
  const remove = async (r: SalesPlanRow) => {
    setRemoving(null);
    try {
      await unwrap(
        desk['plans.set']({
          target: { managerId: r.managerId, clientId: r.clientId, group: r.group, period: r.period, start: r.start },
          amount: null,
          note: '',
        }),
      );
      setSelected(null);
      refresh();
    } catch (e) {
      setSaid({ text: refusalText(t, e, 'plan', 'plans.refused'), bad: true });
    }
  };
  useHotkeys([['Insert', openNew]]);
  const columns = useMemo<ColDef<SalesPlanRow>[]>(
    () => [
      {
        field: 'managerName',
        headerName: t('plans.fields.manager'),
        width: 170,
        valueFormatter: (p) => (p.data?.managerLeft ? `${p.value} (${t('plans.left')})` : String(p.value)),
      },
      {
        field: 'clientName',
        headerName: t('plans.fields.client'),
        flex: 1,
        minWidth: 180,
        valueFormatter: (p) => (p.value as string | null) ?? t('plans.allClients'),
      },
      {
        field: 'group',
        headerName: t('plans.fields.group'),
        width: 170,
        valueFormatter: (p) => (p.value as string) || t('plans.allGroups'),
      },
      {
        colId: 'period',
        headerName: t('plans.fields.period'),
        width: 130,
        valueGetter: (p) => (p.data ? periodLabel(p.data.period, p.data.start, t, i18n.language) : ''),
        comparator: (_a, _b, x, y) => (x.data?.start ?? '').localeCompare(y.data?.start ?? ''),
      },
      {
        field: 'amount',
        headerName: t('plans.fields.amount'),
        width: 130,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'fact',
        headerName: t('plans.fields.fact'),
        width: 130,
        type: 'rightAligned',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'percent',
        headerName: t('plans.fields.percent'),
        width: 150,
        cellRenderer: (p: ICellRendererParams<SalesPlanRow>) =>
          p.data && p.data.percent !== null ? (
            <Group gap={6} wrap="nowrap" h="100%" align="center">
              <Progress
                w={70}
                size="sm"
                value={Math.min(100, p.data.percent)}
                color={p.data.percent >= 100 ? 'teal' : p.data.state === 'past' ? 'red' : 'blue'}
              />
              <Text size="xs" ff="monospace">
                {p.data.percent.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %
              </Text>
            </Group>
          ) : (
            '—'
          ),
      },
      {
        field: 'source',
        headerName: t('plans.fields.source'),
        width: 110,
        valueFormatter: (p) => t(`plans.sources.${p.value as string}`),
      },
      {
        field: 'setBy',
        headerName: t('plans.fields.setBy'),
        width: 150,
        valueFormatter: (p) => (p.value as string | null) ?? '',
      },
    ],
    [t, i18n.language],
  );
  const rows = board.data?.rows ?? [];
  return (
    <Stack gap="xs" h="100%" p="xs" data-testid="plans-screen">
      <Group gap="xs" wrap="nowrap">
        <Title order={4}>{t('plans.title')}</Title>
        <ActionIcon variant="subtle" aria-label={t('plans.prevYear')} onClick={() => setYear(year - 1)}>
          ‹
        </ActionIcon>
        <Text fw={600} data-testid="plans-year">
          {year}
        </Text>
        <ActionIcon variant="subtle" aria-label={t('plans.nextYear')} onClick={() => setYear(year + 1)}>
          ›
        </ActionIcon>
        <TeamManagerSelect value={managerId} onChange={setManagerId} testId="plans-manager" />
        <Button size="xs" onClick={openNew} data-testid="plan-add">
          {t('plans.add')} · Insert
        </Button>
        <Text size="sm" c="dimmed" data-testid="plans-totals">
          {t('plans.totals', {
            plan: formatMoney(board.data?.plan ?? '0'),
            fact: formatMoney(board.data?.fact ?? '0'),
          })}
        </Text>
        <Text size="xs" c="dimmed" ml="auto">
          {t('plans.editHint')}
        </Text>
      </Group>
      {said && (
        <Text size="sm" c={said.bad ? 'red' : 'teal'} data-testid="plans-said">
          {said.text}
        </Text>
      )}
      <Group gap="xs" align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <div style={{ flex: 1, minWidth: 0 }} data-testid="plans-grid">
          <DeskGrid<SalesPlanRow>
            rowData={rows}
            columnDefs={columns}
            getRowId={(p) => p.data.id}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
            onCellFocused={(e) => {
              const row = e.rowIndex === null ? null : e.api.getDisplayedRowAtIndex(e.rowIndex);
              row?.setSelected(true, true);
            }}
            onRowDataUpdated={(e) => {
              const node = focusId ? e.api.getRowNode(focusId) : undefined;
              if (!node || node.rowIndex === null) return;
              e.api.ensureNodeVisible(node, 'middle');
              e.api.setFocusedCell(node.rowIndex, 'amount');
              node.setSelected(true, true);
              setFocusId(null);
            }}
            onCellDoubleClicked={(e) => e.data && openEdit(e.data)}
            onCellKeyDown={(e: CellKeyDownEvent<SalesPlanRow>) => {
              const key = (e.event as KeyboardEvent | undefined)?.key;
              if (!e.data) return;
              if (key === 'Enter') openEdit(e.data);
              if (key === 'Delete') askRemove(e.data);
            }}
            overlayNoRowsTemplate={`<span>${t('plans.empty', { year })}</span>`}
          />
        </div>
        {selected && (
          <Paper withBorder p="xs" w={300} data-testid="plan-history">
            <Text size="sm" fw={600}>
              {t('plans.history')}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {describe(selected)}
              {selected.source === 'erp' && (
                <Badge size="xs" ml={6} variant="light">
                  {t('plans.sources.erp')}
                </Badge>
              )}
            </Text>
            <PlanHistory id={selected.id} />
          </Paper>
        )}
      </Group>
      <PlanDialog
        draft={dialog?.draft ?? null}
        editing={dialog?.editing ?? false}
        year={year}
        onClose={() => setDialog(null)}
        onSaved={(id) => {
          setDialog(null);
          setFocusId(id);
          setSaid({ text: t('plans.saved'), bad: false });
          refresh();
        }}
      />
      <Modal opened={!!removing} onClose={() => setRemoving(null)} withCloseButton={false} size="md">
        <Text size="sm">{removing ? t('plans.removeAsk', { what: describe(removing) }) : ''}</Text>
        <Group justify="flex-end" mt="md">
          <Button size="xs" variant="default" onClick={() => setRemoving(null)}>
            {t('plans.cancel')}
          </Button>
          <Button
            size="xs"
            color="red"
            data-autofocus
            data-testid="plan-remove-confirm"
            onClick={() => removing && void remove(removing)}
          >
            {t('plans.remove')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
