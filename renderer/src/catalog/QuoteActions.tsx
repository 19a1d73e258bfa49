// What a list search becomes for a client: the quote's total at the client's prices, then a new
// order of the taken lines (each the found item or the analog chosen, at its quantity, snapped to
// the pack by the order), or the same lines into an open draft of the client's, or the quote as a
// workbook or a print for the client. One action each; nothing is taken silently (skipped lines
// stay out).
import { Button, Group, Menu, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteLine } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { downloadFile } from '../shared/files';
import { formatMoney } from '../shared/format';
import { QuotePrint } from './QuotePrint';
import { quoteRefusal } from './quote-refusal';

export function QuoteActions({
  clientId,
  lines,
  total,
  onOpenOrder,
}: {
  clientId: number | null;
  lines: QuoteLine[];
  total: string | null;
  onOpenOrder: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  const [printing, setPrinting] = useState(false);
  const drafts = useQuery({
    queryKey: ['orders', 'list'],
    queryFn: () => unwrap(desk['orders.list']({})),
    enabled: clientId !== null,
    select: (list) => list.filter((o) => o.clientId === clientId && o.status === 'draft' && o.origin === 'desk'),
  });
  const fail = (e: unknown) => setSaid({ bad: true, text: quoteRefusal(t, e) });
  const toOrder = async (orderId?: string) => {
    if (clientId === null) return;
    try {
      const r = await unwrap(desk['quotes.toOrder']({ clientId, lines, ...(orderId ? { orderId } : {}) }));
      onOpenOrder(r.id);
    } catch (e) {
      fail(e);
    }
  };
  const exportXlsx = async () => {
    if (clientId === null) return;
    try {
      const f = await unwrap(
        desk['quotes.exportXlsx']({ clientId, lines, lang: i18n.language === 'en' ? 'en' : 'ru' }),
      );
      downloadFile(f.fileName, f.data);
    } catch (e) {
      fail(e);
    }
  };
  if (clientId === null)
    return (
      <Text size="xs" c="dimmed">
        {t('quotes.pickClient')}
      </Text>
    );
  const none = lines.length === 0;
  return (
    <Group gap="xs" wrap="nowrap">
      {total !== null && (
        <Text size="sm" fw={600} data-testid="quote-total">
          {t('quotes.total', { amount: formatMoney(total), lines: lines.length })}
        </Text>
      )}
      <Button size="xs" disabled={none} onClick={() => void toOrder()} data-testid="quote-new-order">
        {t('quotes.toNewOrder')}
      </Button>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={none} data-testid="quote-open-order">
            {t('quotes.toOpenOrder')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('quotes.openOrders')}</Menu.Label>
          {(drafts.data ?? []).length === 0 && <Menu.Item disabled>{t('quotes.noOpenOrders')}</Menu.Item>}
          {(drafts.data ?? []).map((o) => (
            <Menu.Item key={o.id} onClick={() => void toOrder(o.id)}>
              {o.number ?? '—'} · {formatMoney(o.total)} ₽ · {o.linesCount}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button size="xs" variant="default" disabled={none} onClick={() => void exportXlsx()} data-testid="quote-xlsx">
        {t('quotes.exportXlsx')}
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={none}
        onClick={() => setPrinting(true)}
        data-testid="quote-print-open"
      >
        {t('quotes.print')}
      </Button>
      {printing && <QuotePrint clientId={clientId} lines={lines} onClose={() => setPrinting(false)} />}
      {none && (
        <Text size="xs" c="dimmed">
          {t('quotes.nothingToTake')}
        </Text>
      )}
      {said && (
        <Text size="xs" c={said.bad ? 'red.7' : 'teal.8'} data-testid="quote-said">
          {said.text}
        </Text>
      )}
    </Group>
  );
}
