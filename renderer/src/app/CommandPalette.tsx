// Ctrl+K: find a catalog item by article (any spelling) or name from anywhere in the desk.
import { Spotlight, createSpotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { formatQuantity } from '../shared/format';

// The palette's own store, so the first hit can be preselected: Enter opens it at once.
const [paletteStore, palette] = createSpotlight();
export const openPalette = palette.open;

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
  const actions: SpotlightActionData[] = (debounced ? (hits.data ?? []) : []).map((h) => ({
    id: String(h.id),
    label: `${h.article} — ${h.name}`,
    description: `${h.manufacturer} · ${formatQuantity(h.stockTotal)}`,
    onClick: () => onOpenItem(h.id),
  }));
  const firstId = actions[0]?.id;
  useEffect(() => {
    if (!firstId) return;
    // Mantine's spotlight marks the selected action in the DOM; mark the first hit once drawn.
    const frame = requestAnimationFrame(() => {
      const list = document.getElementById(paletteStore.getState().listId);
      if (!list || list.querySelector('[data-selected]')) return;
      list.querySelector('[data-action]')?.setAttribute('data-selected', 'true');
      paletteStore.updateState((state) => ({ ...state, selected: 0 }));
    });
    return () => cancelAnimationFrame(frame);
  }, [firstId]);
  return (
    <Spotlight
      store={paletteStore}
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      filter={(_q, a) => a}
      shortcut={['mod + K']}
      // Keyboard-first: Ctrl+K works from inside inputs too (the catalog search has focus by default).
      tagsToIgnore={[]}
      // Instant, so characters typed right after Ctrl+K land in the palette, not behind it.
      transitionProps={{ duration: 0 }}
      nothingFound={t('palette.nothing')}
      highlightQuery
      limit={12}
      searchProps={{ placeholder: t('palette.placeholder') }}
    />
  );
}
