// A new claim from a shipped order: the order's lines with what was shipped and what is still
// claimable, the defective quantity per line (never more than that: checked here, and again by the
// mutation on the desk and on the server), the defect type, a description and photos. Nothing is
// saved until it is all valid; an empty claim is refused with a reason.
import { Alert, Button, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../domain/aftersales/attachment';
import {
  claimLineAmount,
  claimTotal,
  CLAIMABLE_ORDER_STATUSES,
  DEFECT_TYPES,
  type DefectType,
} from '../../../domain/aftersales/claim';
import { exceeds } from '../../../domain/orders/order-figures';
import { AttachmentPicker } from '../aftersales/Attachments';
import { errorText } from '../aftersales/errors';
import { desk, unwrap } from '../shared/desk';
import { formatDate, formatMoney, formatQuantity } from '../shared/format';

const SHOWN = 200;

/** "2,5" or "2.5" → "2.5"; null when it is not a non-negative number with up to 3 decimals. */
function quantityOf(text: string): string | null {
  const s = text.replace(/\s/g, '').replace(',', '.');
  if (s === '') return '0';
  return /^\d+(\.\d{1,3})?$/.test(s) ? s : null;
}

export function NewClaimDialog({
  orderId: fixedOrder,
  clientId,
  onClose,
  onCreated,
}: {
  orderId?: string;
  clientId?: number;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [orderId, setOrderId] = useState<string | null>(fixedOrder ?? null);
  const orders = useQuery({
    queryKey: ['orders', 'claimable', clientId ?? null],
    queryFn: () => unwrap(desk['orders.list']({})),
    enabled: !fixedOrder,
  });
  const shipped = useMemo(
    () =>
      (orders.data ?? []).filter(
        (o) =>
          (CLAIMABLE_ORDER_STATUSES as readonly string[]).includes(o.status) && (!clientId || o.clientId === clientId),
      ),
    [orders.data, clientId],
  );
  const lines = useQuery({
    queryKey: ['aftersales', 'claimable', orderId],
    queryFn: () => unwrap(desk['claims.claimable']({ orderId: orderId! })),
    enabled: !!orderId,
  });
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState('');
  const [defectType, setDefectType] = useState<DefectType>('defect');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (lines.data ?? [])
      .filter((l) => !q || l.article.toLowerCase().includes(q) || l.name.toLowerCase().includes(q))
      .slice(0, SHOWN);
  }, [lines.data, filter]);
  const problems = useMemo(() => {
    const out: Record<string, string> = {};
    for (const l of lines.data ?? []) {
      const raw = quantities[l.lineId];
      if (raw === undefined) continue;
      const q = quantityOf(raw);
      if (q === null) out[l.lineId] = t('claims.new.notQuantity', { value: raw });
      else if (exceeds(q, l.claimable))
        out[l.lineId] = t('claims.new.overShipped', { left: formatQuantity(Number(l.claimable)) });
    }
    return out;
  }, [lines.data, quantities, t]);
  const chosen = (lines.data ?? []).filter((l) => {
    const q = quantityOf(quantities[l.lineId] ?? '');
    return q !== null && exceeds(q, '0');
  });
  // The claim's value as the claim will hold it: each line's share of its amount, to kopecks.
  const total = claimTotal(
    chosen.map((l) => ({ amount: claimLineAmount(l.amount, l.shipped, quantityOf(quantities[l.lineId]!)!) })),
  );

  const create = async () => {
    if (!orderId) return;
    if (Object.keys(problems).length)
      return setError(t('claims.new.fixLines', { count: Object.keys(problems).length }));
    if (!chosen.length) return setError(t('claims.new.noLines'));
    if (description.trim().length < 3) return setError(t('claims.new.noDescription'));
    setSaving(true);
    try {
      const r = await unwrap(
        desk['claims.create']({
          orderId,
          defectType,
          description: description.trim(),
          attachments: files,
          lines: chosen.map((l) => ({
            lineId: l.lineId,
            itemId: l.itemId,
            quantity: quantityOf(quantities[l.lineId]!)!,
          })),
        }),
      );
      onCreated(r.id);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('claims.new.title')} size="xl" data-testid="new-claim">
      <Stack gap="sm">
        {!fixedOrder && (
          <Select
            label={t('claims.new.order')}
            placeholder={t('claims.new.orderPlaceholder')}
            searchable
            value={orderId}
            onChange={setOrderId}
            limit={100}
            data-testid="new-claim-order"
            nothingFoundMessage={t('claims.new.noShipped')}
            data={shipped.map((o) => ({
              value: o.id,
              label: `${o.number ?? '—'} · ${o.clientName} · ${formatDate(o.createdAt)} · ${formatMoney(o.total)} ₽`,
            }))}
          />
        )}
        {orderId && (
          <>
            <Group gap="sm" align="flex-end">
              <TextInput
                label={t('claims.new.filter')}
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                w={260}
              />
              <Text size="xs" c="dimmed">
                {t('claims.new.linesShown', { shown: shown.length, total: lines.data?.length ?? 0 })}
              </Text>
            </Group>
            <div style={{ maxHeight: 300, overflow: 'auto' }}>
              <Table striped withTableBorder fz="xs" stickyHeader data-testid="new-claim-lines">
                <Table.Thead>
                  <Table.Tr>
                    {(['no', 'article', 'name', 'shipped', 'claimed', 'claimable', 'quantity'] as const).map((c) => (
                      <Table.Th key={c}>{t(`claims.new.columns.${c}`)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((l) => (
                    <Table.Tr key={l.lineId}>
                      <Table.Td>{l.lineNo}</Table.Td>
                      <Table.Td className="desk-mono">{l.article}</Table.Td>
                      <Table.Td>{l.name}</Table.Td>
                      <Table.Td ta="right">{formatQuantity(Number(l.shipped))}</Table.Td>
                      <Table.Td ta="right">{Number(l.claimed) ? formatQuantity(Number(l.claimed)) : ''}</Table.Td>
                      <Table.Td ta="right">{formatQuantity(Number(l.claimable))}</Table.Td>
                      <Table.Td w={110}>
                        <TextInput
                          size="xs"
                          value={quantities[l.lineId] ?? ''}
                          disabled={Number(l.claimable) === 0}
                          error={problems[l.lineId]}
                          aria-label={`${t('claims.new.columns.quantity')} ${l.article}`}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setError(null);
                            setQuantities((q) => ({ ...q, [l.lineId]: v }));
                          }}
                          data-testid={`claim-qty-${l.article}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            <Group grow align="flex-start">
              <Select
                label={t('claims.new.defect')}
                value={defectType}
                onChange={(v) => v && setDefectType(v as DefectType)}
                allowDeselect={false}
                data={DEFECT_TYPES.map((d) => ({ value: d, label: t(`claims.defects.${d}`) }))}
                data-testid="new-claim-defect"
              />
              <Text size="sm" pt={20} ta="right" data-testid="new-claim-total">
                {t('claims.new.total', { count: chosen.length, amount: formatMoney(total) })}
              </Text>
            </Group>
            <Textarea
              label={t('claims.new.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="new-claim-description"
            />
            <AttachmentPicker value={files} onChange={setFiles} testId="new-claim-files" />
          </>
        )}
        {error && (
          <Alert color="red" variant="light" p={6} data-testid="new-claim-error">
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('claims.cancel')}
          </Button>
          <Button onClick={() => void create()} loading={saving} disabled={!orderId} data-testid="new-claim-create">
            {t('claims.new.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
