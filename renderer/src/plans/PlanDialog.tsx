// A new sales plan, or a new amount for one: the manager (of the team, still working), the whole
// book or one of their clients, all groups or one, a month or a quarter of the year, the amount
// and why. Refusals come back in words (the manager left, a plan kept in 1C) and nothing is saved.
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesPlanRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { periodLabel } from './plan-words';

export interface PlanDraft {
  managerId: number | null;
  clientId: number;
  group: string;
  period: 'month' | 'quarter';
  start: string;
  amount: string;
  note: string;
}

export const draftOf = (r: SalesPlanRow): PlanDraft => ({
  managerId: r.managerId,
  clientId: r.clientId,
  group: r.group,
  period: r.period,
  start: r.start,
  amount: r.amount,
  note: r.note,
});

/** Month or quarter starts of a year, as the select offers them. */
function starts(year: number, period: 'month' | 'quarter'): string[] {
  const step = period === 'quarter' ? 3 : 1;
  return Array.from({ length: 12 / step }, (_, k) => `${year}-${String(k * step + 1).padStart(2, '0')}-01`);
}

export function PlanDialog({
  draft,
  year,
  editing,
  onClose,
  onSaved,
}: {
  draft: PlanDraft | null;
  year: number;
  /** Only the amount and note change: the target is the plan's. */
  editing: boolean;
  onClose(): void;
  /** The plan's id: the board shows it. */
  onSaved(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [d, setD] = useState<PlanDraft | null>(draft);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setD(draft);
    setError(null);
  }, [draft]);
  const options = useQuery({ queryKey: ['plans', 'options'], queryFn: () => unwrap(desk['plans.options']({})) });
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  if (!d) return null;
  const set = (patch: Partial<PlanDraft>) => setD({ ...d, ...patch });
  const save = async () => {
    if (d.managerId === null) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await unwrap(
        desk['plans.set']({
          target: { managerId: d.managerId, clientId: d.clientId, group: d.group, period: d.period, start: d.start },
          amount: d.amount.trim().replace(/\s/g, '').replace(',', '.'),
          note: d.note,
        }),
      );
      onSaved(saved.id);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      const reason = err.code === 'plan' ? err.message : /amount/.test(err.message ?? '') ? 'amount' : null;
      setError(
        reason
          ? t(`plans.refused.${reason}`, { defaultValue: reason })
          : t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }),
      );
    } finally {
      setSaving(false);
    }
  };
  const theirClients = (clients.data ?? []).filter((c) => c.managerId === d.managerId);
  return (
    <Modal opened onClose={onClose} title={editing ? t('plans.edit') : t('plans.add')} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          <Select
            size="xs"
            label={t('plans.fields.manager')}
            data-testid="plan-manager"
            disabled={editing}
            searchable
            value={d.managerId === null ? null : String(d.managerId)}
            onChange={(v) => set({ managerId: v ? Number(v) : null, clientId: 0 })}
            data={(options.data?.managers ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
          />
          <Select
            size="xs"
            label={t('plans.fields.client')}
            data-testid="plan-client"
            disabled={editing || d.managerId === null}
            searchable
            value={String(d.clientId)}
            onChange={(v) => set({ clientId: v ? Number(v) : 0 })}
            data={[
              { value: '0', label: t('plans.allClients') },
              ...theirClients.map((c) => ({ value: String(c.id), label: c.name })),
            ]}
          />
          <Select
            size="xs"
            label={t('plans.fields.group')}
            data-testid="plan-group"
            disabled={editing}
            searchable
            value={d.group}
            onChange={(v) => set({ group: v ?? '' })}
            data={[
              { value: '', label: t('plans.allGroups') },
              ...(options.data?.groups ?? []).map((g) => ({ value: g, label: g })),
            ]}
          />
          <Group gap="xs" align="flex-end">
            <SegmentedControl
              size="xs"
              disabled={editing}
              data-testid="plan-period"
              value={d.period}
              onChange={(v) => {
                const period = v as 'month' | 'quarter';
                set({ period, start: starts(year, period)[0]! });
              }}
              data={(['quarter', 'month'] as const).map((p) => ({ value: p, label: t(`plans.periods.${p}`) }))}
            />
            <Select
              size="xs"
              flex={1}
              aria-label={t('plans.fields.start')}
              data-testid="plan-start"
              disabled={editing}
              value={d.start}
              onChange={(v) => v && set({ start: v })}
              data={starts(year, d.period).map((s) => ({
                value: s,
                label: periodLabel(d.period, s, t, i18n.language),
              }))}
            />
          </Group>
          <TextInput
            size="xs"
            label={t('plans.fields.amount')}
            data-testid="plan-amount"
            data-autofocus
            inputMode="decimal"
            value={d.amount}
            onChange={(e) => set({ amount: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            label={t('plans.fields.note')}
            data-testid="plan-note"
            maxLength={500}
            value={d.note}
            onChange={(e) => set({ note: e.currentTarget.value })}
          />
          {error && (
            <Text size="sm" c="red" data-testid="plan-error">
              {error}
            </Text>
          )}
          <Group justify="flex-end" mt="xs">
            <Button size="xs" variant="default" onClick={onClose}>
              {t('plans.cancel')}
            </Button>
            <Button
              size="xs"
              type="submit"
              loading={saving}
              disabled={d.managerId === null || !d.amount.trim()}
              data-testid="plan-save"
            >
              {t('plans.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
