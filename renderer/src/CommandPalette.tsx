// Ctrl+K: find a catalog item by article (any spelling) or name from anywhere in the desk.
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from './desk';
import { formatQuantity } from './format';

export function CommandPalette({ onOpenItem }: { onOpenItem: (id: number) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(query.trim()), 80);
    return () => clearTimeout(h);
  }, [query]);
  const hits = useQuery({
    queryKey: ['catalog', 'search', debounced],
    queryFn: () => unwrap(desk['catalog.search']({ query: debounced, limit: 12 })),
    enabled: debounced.length > 0,
    placeholderData: (prev) => prev,
  });
  const actions: SpotlightActionData[] = (debounced ? hits.data ?? [] : []).map((h) => ({
    id: String(h.id),
    label: `${h.article} — ${h.name}`,
    description: `${h.manufacturer} · ${formatQuantity(h.stockTotal)}`,
    onClick: () => onOpenItem(h.id),
  }));
  return (
    <Spotlight
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      filter={(_q, a) => a}
      shortcut={['mod + K']}
      nothingFound={t('palette.nothing')}
      highlightQuery
      limit={12}
      searchProps={{ placeholder: t('palette.placeholder') }}
    />
  );
}
