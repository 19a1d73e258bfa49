// The client a screen quotes for: a picker (by name or INN), and that client's prices over the
// catalog (one pack of each item by the rules in force), read once per client and kept while the
// screen is open. Shared by the catalog and the list search.
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';

export function QuoteClientPicker({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  return (
    <Select
      placeholder={t('quotes.client')}
      aria-label={t('quotes.client')}
      title={t('quotes.clientHint')}
      data={(clients.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} · ${c.inn}` }))}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      clearable
      limit={50}
      w={280}
      data-testid="quote-client"
    />
  );
}

const QUOTE_CLIENT_KEY = 'opta.quoteClient';

/**
 * The client being quoted, shared by the catalog and the list search and kept across restarts: a
 * manager works a client's request in both screens, often for a while.
 */
export function useQuoteClient(): [number | null, (id: number | null) => void] {
  const [id, setId] = useState<number | null>(() => {
    const v = Number(localStorage.getItem(QUOTE_CLIENT_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  });
  const set = useCallback((next: number | null) => {
    if (next === null) localStorage.removeItem(QUOTE_CLIENT_KEY);
    else localStorage.setItem(QUOTE_CLIENT_KEY, String(next));
    setId(next);
  }, []);
  return [id, set];
}

/** The client's prices by item id ([price, source]), their price type and basis; nothing without a client. */
export function useClientPrices(clientId: number | null) {
  const prices = useQuery({
    queryKey: ['quotes', 'clientPrices', clientId],
    queryFn: () => unwrap(desk['quotes.clientPrices']({ clientId: clientId! })),
    enabled: clientId !== null,
    staleTime: 30_000,
  });
  const byItem = useMemo(
    () => new Map((prices.data?.prices ?? []).map(([id, price, source]) => [id, { price, source }])),
    [prices.data],
  );
  return {
    data: clientId === null ? null : (prices.data ?? null),
    byItem,
    error: prices.error,
    loading: prices.isFetching,
  };
}
