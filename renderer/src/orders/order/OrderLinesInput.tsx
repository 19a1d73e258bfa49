// Adding lines to an order fast: an article field that takes any spelling (Cyrillic/Latin
// look-alikes, separators) with a pick list, and a quantity; and "paste a list" (article and
// quantity per line, from Excel or an e-mail) with a preview first: found, found with a typo (with
// the match), analog offered, not found, and quantities rounded up to the pack (with the
// original). Nothing is added until the manager confirms.
import { Autocomplete, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePastedList } from '../../../../domain/catalog/bulk-search';
import type { IncomingRow } from '../../../../domain/orders/sheet-paste';
import { desk } from '../../shared/desk';
import { LinesPreview } from './LinesPreview';

interface Hit {
  id: number;
  article: string;
  name: string;
  packSize?: number;
}

export function OrderLinesInput({ orderId, onError }: { orderId: string; onError: (message: string) => void }) {
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
    const r = await desk['orders.addLines']({
      orderId,
      lines: [{ itemId: chosen.id, quantity: quantity || String(chosen.packSize ?? 1) }],
    });
    if (!r.ok) return onError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setArticle('');
    setQuantity('');
    setHits([]);
    articleRef.current?.focus();
  };

  return (
    <Group gap="xs" wrap="nowrap" data-testid="order-add">
      <Autocomplete
        ref={articleRef}
        size="xs"
        w={260}
        placeholder={t('orders.add.article')}
        value={article}
        onChange={(v) => void lookup(v)}
        data={[...new Set(hits.map((h) => h.article))]}
        // The search already matched any spelling: show its hits as they are, with their names.
        filter={({ options }) => options}
        renderOption={({ option }) => (
          <Text size="xs">
            <b>{option.value}</b> — {hits.find((h) => h.article === option.value)?.name}
          </Text>
        )}
        onOptionSubmit={() => quantityRef.current?.focus()}
        onKeyDown={(e) => e.key === 'Enter' && chosen && !e.defaultPrevented && quantityRef.current?.focus()}
        data-testid="add-article"
      />
      <TextInput
        ref={quantityRef}
        size="xs"
        w={100}
        placeholder={t('orders.add.quantity')}
        value={quantity}
        onChange={(e) => setQuantity(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void add()}
        data-testid="add-quantity"
      />
      <Button size="xs" variant="light" onClick={() => void add()} disabled={!chosen}>
        {t('orders.add.add')}
      </Button>
      {chosen && (
        <Text size="xs" c="dimmed">
          {chosen.name}
          {chosen.packSize && chosen.packSize > 1 ? ` · ${t('orders.add.pack', { pack: chosen.packSize })}` : ''}
        </Text>
      )}
      <Button size="xs" variant="default" onClick={() => setPasteOpen(true)} data-testid="paste-list">
        {t('orders.add.pasteList')}
      </Button>
      {pasteOpen && <PasteList orderId={orderId} onClose={() => setPasteOpen(false)} />}
    </Group>
  );
}

/** "Paste a list": the text first, then the same preview every paste and import goes through. */
function PasteList({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<IncomingRow[] | null>(null);
  if (rows)
    return (
      <LinesPreview
        orderId={orderId}
        source={{ kind: 'rows', rows }}
        label="paste"
        onClose={onClose}
        onDone={onClose}
      />
    );
  const preview = () =>
    setRows(
      parsePastedList(text).map((l) => ({ sourceRow: l.lineNo, article: l.article, quantity: l.quantityText ?? null })),
    );
  return (
    <Modal opened onClose={onClose} title={t('orders.add.pasteTitle')} size="xl">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('orders.add.pasteHint')}
        </Text>
        <Textarea
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={8}
          maxRows={16}
          data-autofocus
          data-testid="paste-text"
          onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && preview()}
        />
        <Group justify="flex-end">
          <Button onClick={preview} disabled={!text.trim()} data-testid="paste-preview">
            {t('orders.add.preview')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
