// The admin's pricing forms: a rule (floor, quantity break, promotion) and a client's pricing
// (coefficient, client group, coefficients per product group with dates), with the field types
// and the conversions between a form and a rule's body; the bar that publishes a change after
// showing what it would do (what-if).
import { Alert, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PricingChange, PricingRulesView, WhatIfResult } from '../../../domain/contract';
import { typedDate } from '../../../domain/orders/order';
import { desk, unwrap } from '../shared/desk';
import { formatCount, formatMoney } from '../shared/format';

export type Tab = 'clients' | 'floor' | 'break' | 'promotion' | 'history';
export type RuleRow = PricingRulesView['rules'][number];
export type ClientRow = PricingRulesView['clients'][number];
export type Form = Record<string, string | boolean>;

export const RULE_FIELDS: Record<
  'floor' | 'break' | 'promotion',
  { key: string; type: 'text' | 'number' | 'date' | 'group' | 'clientGroup' | 'bool' | 'ids' }[]
> = {
  floor: [
    { key: 'group', type: 'group' },
    { key: 'clientGroup', type: 'clientGroup' },
    { key: 'minMarginPct', type: 'number' },
    { key: 'minPricePct', type: 'number' },
  ],
  break: [
    { key: 'itemId', type: 'number' },
    { key: 'group', type: 'group' },
    { key: 'minQty', type: 'number' },
    { key: 'maxQty', type: 'number' },
    { key: 'discount', type: 'number' },
  ],
  promotion: [
    { key: 'name', type: 'text' },
    { key: 'from', type: 'date' },
    { key: 'to', type: 'date' },
    { key: 'itemIds', type: 'ids' },
    { key: 'group', type: 'group' },
    { key: 'clientGroup', type: 'clientGroup' },
    { key: 'discount', type: 'number' },
    { key: 'stacks', type: 'bool' },
    { key: 'priority', type: 'number' },
  ],
};

export const decimalText = (v: string) => v.trim().replace(/\s/g, '').replace(',', '.');
export const dateText = (v: string) => (v.trim() ? (typedDate(v) ?? v.trim()) : '');
export const showDate = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}` : '';

/** A rule's body as the form shows it (text fields), and back (the mutation's shape; empty: null). */
export function formOf(kind: 'floor' | 'break' | 'promotion', body: Record<string, unknown>): Form {
  const f: Form = {};
  for (const { key, type } of RULE_FIELDS[kind]) {
    const v = body[key];
    f[key] =
      type === 'bool'
        ? v === true
        : type === 'date'
          ? showDate(v)
          : type === 'ids'
            ? Array.isArray(v)
              ? v.join(', ')
              : ''
            : v === null || v === undefined
              ? ''
              : String(v);
  }
  return f;
}
export function bodyOf(kind: 'floor' | 'break' | 'promotion', f: Form): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { key, type } of RULE_FIELDS[kind]) {
    const v = f[key];
    if (type === 'bool') body[key] = v === true;
    else if (type === 'ids')
      body[key] = String(v ?? '').trim()
        ? String(v)
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(Number)
        : null;
    else if (type === 'date') body[key] = dateText(String(v ?? '')) || null;
    else if (key === 'itemId' || key === 'priority')
      body[key] = String(v ?? '').trim() ? Number(decimalText(String(v))) : key === 'priority' ? 0 : null;
    else if (type === 'number') body[key] = String(v ?? '').trim() ? decimalText(String(v)) : null;
    else body[key] = String(v ?? '').trim() || null;
  }
  return body;
}

export function PublishBar({
  change,
  publish,
  remove,
}: {
  change: () => PricingChange | null;
  publish: () => Promise<unknown>;
  remove?: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (what: 'whatIf' | 'publish' | 'remove') => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (what === 'whatIf') {
        const c = change();
        if (c) setResult(await unwrap(desk['pricing.whatIf']({ change: c })));
      } else {
        await (what === 'publish' ? publish() : remove!());
        setDone(t(status.data?.connection === 'online' ? 'pricing.published' : 'pricing.queued'));
        await queryClient.invalidateQueries({ queryKey: ['pricing'] });
      }
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => void act('whatIf')}
          loading={busy}
          data-testid="pricing-whatif"
        >
          {t('pricing.whatIf')}
        </Button>
        <Button
          size="xs"
          onClick={() => void act('publish')}
          disabled={busy || (result !== null && !result.valid)}
          data-testid="pricing-publish"
        >
          {t('pricing.publish')}
        </Button>
        {remove && (
          <Button size="xs" color="red" variant="subtle" onClick={() => void act('remove')} disabled={busy}>
            {t('pricing.remove')}
          </Button>
        )}
      </Group>
      {result &&
        (result.valid ? (
          <Stack gap={4} data-testid="pricing-whatif-result">
            <Text size="sm" fw={600}>
              {t('pricing.effect', {
                orders: formatCount(result.orders),
                lines: formatCount(result.lines),
                amount: formatMoney(result.amountChange),
                margin: formatMoney(result.marginChange),
              })}
            </Text>
            <Text size="xs" c={result.belowFloorAfter > result.belowFloorBefore ? 'red.7' : 'dimmed'}>
              {t('pricing.floorEffect', { before: result.belowFloorBefore, after: result.belowFloorAfter })}
            </Text>
            {result.diff.length > 0 && (
              <Table fz="xs" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pricing.diff.field')}</Table.Th>
                    <Table.Th>{t('pricing.diff.old')}</Table.Th>
                    <Table.Th>{t('pricing.diff.new')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.diff.map((d) => (
                    <Table.Tr key={d.field}>
                      <Table.Td>{t(`pricing.fields.${d.field}`, { defaultValue: d.field })}</Table.Td>
                      <Table.Td c="red.8">{d.old ?? '—'}</Table.Td>
                      <Table.Td c="teal.8">{d.new ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {result.examples.length > 0 && (
              <Table fz="xs" striped>
                <Table.Tbody>
                  {result.examples.slice(0, 8).map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.orderNumber ?? '—'}</Table.Td>
                      <Table.Td className="desk-mono">{e.article}</Table.Td>
                      <Table.Td ta="right">{formatMoney(e.old)}</Table.Td>
                      <Table.Td ta="right" c={Number(e.new) > Number(e.old) ? 'red.7' : 'teal.7'}>
                        {formatMoney(e.new)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        ) : (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs" data-testid="pricing-invalid">
              {t('pricing.invalid', { message: result.error })}
            </Text>
          </Alert>
        ))}
      {done && (
        <Text size="xs" c="teal.8" data-testid="pricing-done">
          {done}
        </Text>
      )}
      {error && (
        <Alert color="red" variant="light" p={6}>
          <Text size="xs">{error}</Text>
        </Alert>
      )}
    </Stack>
  );
}

export function RuleForm({
  view,
  kind,
  rule,
  onClose,
}: {
  view: PricingRulesView;
  kind: 'floor' | 'break' | 'promotion';
  rule: RuleRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [id, setId] = useState(() => rule?.id ?? `${kind}-${Date.now().toString(36)}`);
  const [form, setForm] = useState<Form>(() =>
    formOf(kind, rule?.body ?? (kind === 'promotion' ? { stacks: true, priority: 0 } : {})),
  );
  const set = (key: string, v: string | boolean) => setForm((f) => ({ ...f, [key]: v }));
  const any = { value: '', label: t('pricing.any') };
  return (
    <Stack gap={6} p="sm" data-testid="rule-form">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {t(`pricing.tabs.${kind}`)}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={onClose}>
          Esc
        </Button>
      </Group>
      <TextInput
        size="xs"
        label={t('pricing.fields.id')}
        value={id}
        onChange={(e) => setId(e.currentTarget.value)}
        disabled={!!rule}
      />
      {RULE_FIELDS[kind].map(({ key, type }) =>
        type === 'bool' ? (
          <Checkbox
            key={key}
            size="xs"
            label={t(`pricing.fields.${key}`)}
            checked={form[key] === true}
            onChange={(e) => set(key, e.currentTarget.checked)}
          />
        ) : type === 'group' || type === 'clientGroup' ? (
          <Select
            key={key}
            size="xs"
            label={t(`pricing.fields.${key}`)}
            value={String(form[key] ?? '')}
            onChange={(v) => set(key, v ?? '')}
            searchable
            comboboxProps={{ withinPortal: true }}
            data={[any, ...(type === 'group' ? view.groups : view.clientGroups).map((g) => ({ value: g, label: g }))]}
            data-testid={`rule-${key}`}
          />
        ) : (
          <TextInput
            key={key}
            size="xs"
            label={t(`pricing.fields.${key}`)}
            value={String(form[key] ?? '')}
            onChange={(e) => set(key, e.currentTarget.value)}
            placeholder={
              type === 'date'
                ? t('orders.header.datePlaceholder')
                : type === 'ids'
                  ? t('pricing.idsPlaceholder')
                  : undefined
            }
            data-testid={`rule-${key}`}
          />
        ),
      )}
      <PublishBar
        change={() => ({ kind: 'rule', id, rule: { kind, body: bodyOf(kind, form) } })}
        publish={() => unwrap(desk['pricing.setRule']({ id, kind, body: bodyOf(kind, form) }))}
        remove={rule ? () => unwrap(desk['pricing.removeRule']({ id })) : undefined}
      />
    </Stack>
  );
}

export function ClientPricingForm({
  view,
  client,
  onClose,
}: {
  view: PricingRulesView;
  client: ClientRow;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [coefficient, setCoefficient] = useState(client.coefficient);
  const [clientGroup, setClientGroup] = useState(client.clientGroup ?? '');
  const [rules, setRules] = useState(client.rules.map((r) => ({ ...r, from: showDate(r.from), to: showDate(r.to) })));
  const change = (): PricingChange => ({
    kind: 'client',
    clientId: client.id,
    coefficient: decimalText(coefficient),
    clientGroup: clientGroup.trim() || null,
    rules: rules.map((r) => ({
      ...r,
      coefficient: decimalText(r.coefficient),
      from: dateText(r.from),
      to: dateText(r.to ?? '') || null,
    })),
  });
  const setRule = (i: number, key: 'group' | 'coefficient' | 'from' | 'to', v: string) =>
    setRules((list) => list.map((r, j) => (j === i ? { ...r, [key]: key === 'group' ? v || null : v } : r)));
  return (
    <Stack gap={6} p="sm" data-testid="client-pricing-form">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {client.name}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={onClose}>
          Esc
        </Button>
      </Group>
      <Group grow>
        <TextInput
          size="xs"
          label={t('pricing.fields.coefficient')}
          value={coefficient}
          onChange={(e) => setCoefficient(e.currentTarget.value)}
          data-testid="client-coefficient"
        />
        <TextInput
          size="xs"
          label={t('pricing.fields.clientGroup')}
          value={clientGroup}
          onChange={(e) => setClientGroup(e.currentTarget.value)}
          placeholder={view.clientGroups.join(', ')}
        />
      </Group>
      <Text size="xs" fw={600}>
        {t('pricing.fields.groupRules')}
      </Text>
      {rules.map((r, i) => (
        <Group key={r.id} gap={4} wrap="nowrap" align="flex-end">
          <Select
            size="xs"
            style={{ flex: 2 }}
            value={r.group ?? ''}
            onChange={(v) => setRule(i, 'group', v ?? '')}
            data={[{ value: '', label: t('pricing.any') }, ...view.groups.map((g) => ({ value: g, label: g }))]}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={r.coefficient}
            onChange={(e) => setRule(i, 'coefficient', e.currentTarget.value)}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={r.from}
            onChange={(e) => setRule(i, 'from', e.currentTarget.value)}
            placeholder={t('pricing.fields.from')}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={r.to ?? ''}
            onChange={(e) => setRule(i, 'to', e.currentTarget.value)}
            placeholder={t('pricing.fields.to')}
          />
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => setRules((list) => list.filter((_, j) => j !== i))}
          >
            ×
          </Button>
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() =>
          setRules((list) => [
            ...list,
            {
              id: `k-${client.id}-${Date.now().toString(36)}`,
              group: null,
              coefficient: coefficient,
              from: showDate(new Date().toISOString().slice(0, 10)),
              to: '',
            },
          ])
        }
      >
        {t('pricing.addGroupRule')}
      </Button>
      <PublishBar
        change={change}
        publish={() => {
          const c = change() as Extract<PricingChange, { kind: 'client' }>;
          return unwrap(
            desk['pricing.setClient']({
              clientId: c.clientId,
              coefficient: c.coefficient,
              clientGroup: c.clientGroup,
              rules: c.rules,
            }),
          );
        }}
      />
    </Stack>
  );
}
