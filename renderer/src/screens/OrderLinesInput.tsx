// Adding lines to an order fast: an article field that takes any spelling (Cyrillic/Latin
// look-alikes, separators) with a pick list, and a quantity; and "paste a list" (article and
// quantity per line, from Excel or an e-mail) with a preview first: found, found with a typo (with
// the match), analog offered, not found, and quantities rounded up to the pack (with the
// original). Nothing is added until the manager confirms.
import { Autocomplete, Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkRow } from '../../../domain/contract';
import { roundUpToPack } from '../../../domain/order';
import { desk } from '../desk';
import { formatQuantity } from '../format';

const KIND_COLOR: Record<BulkRow['kind'], string> = { exact: 'teal', fuzzy: 'yellow', analog: 'blue', not_found: 'red' };

interface Hit { id: number; article: string; name: string; packSize?: number }

export function OrderLinesInput({ orderId, onAdded, onError }: { orderId: string; onAdded: () => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const [article, setArticle] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [quantity, setQuantity] = useState('');
  const [pasteOpen, setPasteOpen] = useState(false);
  const quantityRef = useRef<HTMLInputElement>(null);
  const articleRef = useRef<HTMLInputElement>(null);

  const lookup = async (value: string) => {
    setArticle(value);
    if (value.trim().length < 2) return setHits([]);
    const r = await desk['catalog.search']({ query: value, limit: 12 });
    if (r.ok) setHits(r.value);
  };
  const chosen = hits.find((h) => h.article === article) ?? (hits.length === 1 ? hits[0] : undefined);

  const add = async () => {
    if (!chosen) return onError(t('orders.add.pickArticle'));
    const r = await desk['orders.addLines']({ orderId, lines: [{ itemId: chosen.id, quantity: quantity || String(chosen.packSize ?? 1) }] });
    if (!r.ok) return onError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setArticle('');
    setQuantity('');
    setHits([]);
    onAdded();
    articleRef.current?.focus();
  };

  return (
    <Group gap="xs" px="md" py={4} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="order-add">
      <Autocomplete
        ref={articleRef}
        size="xs" w={260} placeholder={t('orders.add.article')} value={article} onChange={(v) => void lookup(v)}
        data={[...new Set(hits.map((h) => h.article))]}
        // The search already matched any spelling: show its hits as they are, with their names.
        filter={({ options }) => options}
        renderOption={({ option }) => <Text size="xs"><b>{option.value}</b> — {hits.find((h) => h.article === option.value)?.name}</Text>}
        onOptionSubmit={() => quantityRef.current?.focus()}
        onKeyDown={(e) => e.key === 'Enter' && chosen && !e.defaultPrevented && quantityRef.current?.focus()}
        data-testid="add-article"
      />
      <TextInput ref={quantityRef} size="xs" w={100} placeholder={t('orders.add.quantity')} value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void add()} data-testid="add-quantity" />
      <Button size="xs" variant="light" onClick={() => void add()} disabled={!chosen}>{t('orders.add.add')}</Button>
      {chosen && <Text size="xs" c="dimmed">{chosen.name}{chosen.packSize && chosen.packSize > 1 ? ` · ${t('orders.add.pack', { pack: chosen.packSize })}` : ''}</Text>}
      <Button size="xs" variant="default" ml="auto" onClick={() => setPasteOpen(true)} data-testid="paste-list">{t('orders.add.pasteList')}</Button>
      {pasteOpen && <PastePreview orderId={orderId} onClose={() => setPasteOpen(false)} onAdded={() => { setPasteOpen(false); onAdded(); }} onError={onError} />}
    </Group>
  );
}

interface PreviewLine { row: BulkRow; itemId: number | null; article: string; asked: string; quantity: string | null; rounded: boolean; problem: string | null }

function PastePreview({ orderId, onClose, onAdded, onError }: { orderId: string; onClose: () => void; onAdded: () => void; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<BulkRow[] | null>(null);
  const [useAnalogs, setUseAnalogs] = useState(true);
  const [busy, setBusy] = useState(false);

  const lines = useMemo<PreviewLine[]>(() => (rows ?? []).map((row) => {
    const item = row.kind === 'analog' ? (useAnalogs ? row.analog : null) : row.item;
    const asked = row.quantity ?? '';
    const valid = /^\d+([.,]\d{1,3})?$/.test(asked.trim()) && Number(asked.replace(',', '.')) > 0;
    const problem = !item ? (row.kind === 'analog' ? 'analogOff' : 'notFound') : asked === '' ? null : !valid ? 'badQuantity' : null;
    const base = asked === '' ? String(item?.packSize ?? 1) : asked.trim().replace(',', '.');
    const quantity = item && !problem ? roundUpToPack(base, item.packSize ?? 1) : null;
    return { row, itemId: item?.id ?? null, article: item?.article ?? '', asked, quantity, rounded: !!quantity && asked !== '' && quantity !== base, problem };
  }), [rows, useAnalogs]);
  const accepted = lines.filter((l) => l.itemId !== null && l.quantity !== null);

  const preview = async () => {
    setBusy(true);
    const r = await desk['catalog.bulkSearch']({ text });
    setBusy(false);
    if (!r.ok) return onError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setRows(r.value);
  };
  const confirm = async () => {
    setBusy(true);
    const r = await desk['orders.addLines']({ orderId, lines: accepted.map((l) => ({ itemId: l.itemId!, quantity: l.quantity! })) });
    setBusy(false);
    if (!r.ok) return onError(t(`errors.${r.error.code}`, { message: r.error.message }));
    onAdded();
  };

  return (
    <Modal opened onClose={onClose} title={t('orders.add.pasteTitle')} size="xl">
      {!rows ? (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">{t('orders.add.pasteHint')}</Text>
          <Textarea value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={8} maxRows={16} data-autofocus data-testid="paste-text"
            onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && void preview()} />
          <Group justify="flex-end"><Button onClick={() => void preview()} loading={busy} disabled={!text.trim()} data-testid="paste-preview">{t('orders.add.preview')}</Button></Group>
        </Stack>
      ) : (
        <Stack gap="sm" data-testid="paste-result">
          <Group gap="xs">
            {(['exact', 'fuzzy', 'analog', 'not_found'] as const).map((k) => (
              <Badge key={k} color={KIND_COLOR[k]} variant="light">{t(`bulk.kinds.${k}`)}: {rows.filter((r) => r.kind === k).length}</Badge>
            ))}
            <Checkbox size="xs" label={t('orders.add.useAnalogs')} checked={useAnalogs} onChange={(e) => setUseAnalogs(e.currentTarget.checked)} ml="auto" />
          </Group>
          <div style={{ maxHeight: 380, overflow: 'auto' }}>
            <Table striped withTableBorder fz="xs">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('bulk.columns.line')}</Table.Th><Table.Th>{t('bulk.columns.asked')}</Table.Th><Table.Th>{t('bulk.columns.result')}</Table.Th>
                <Table.Th>{t('bulk.columns.found')}</Table.Th><Table.Th ta="right">{t('bulk.columns.quantity')}</Table.Th><Table.Th>{t('orders.add.note')}</Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {lines.slice(0, 1000).map((l) => (
                  <Table.Tr key={l.row.lineNo}>
                    <Table.Td>{l.row.lineNo}</Table.Td>
                    <Table.Td className="desk-mono">{l.row.article}</Table.Td>
                    <Table.Td><Badge size="xs" variant="light" color={KIND_COLOR[l.row.kind]}>{t(`bulk.kinds.${l.row.kind}`)}</Badge></Table.Td>
                    <Table.Td className="desk-mono">{l.article}</Table.Td>
                    <Table.Td ta="right">{l.quantity ? formatQuantity(Number(l.quantity)) : l.asked}</Table.Td>
                    <Table.Td c={l.problem ? 'red.7' : l.rounded ? 'orange.8' : 'dimmed'}>
                      {l.problem ? t(`orders.add.problems.${l.problem}`) : l.rounded ? t('orders.add.rounded', { asked: l.asked }) : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {lines.length > 1000 && <Text size="xs" c="dimmed">{t('orders.add.more', { count: lines.length - 1000 })}</Text>}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setRows(null)}>{t('orders.add.back')}</Button>
            <Button onClick={() => void confirm()} loading={busy} disabled={accepted.length === 0} data-testid="paste-confirm">{t('orders.add.confirm', { count: accepted.length })}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
