// Filters of a product group by its items' attributes (package, voltage, tolerance... whatever the
// group has), as a component buyer expects: each value with the count of items it would show given
// the other choices, several values of one attribute meaning "any of them".
import { Group, MultiSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';

const MAX_KEYS = 8;

export function AttributeFacets({ group, onChange }: { group: string; onChange: (ids: Set<number> | null) => void }) {
  const { t } = useTranslation();
  const attrs = useQuery({
    queryKey: ['catalog', 'groupAttributes', group],
    queryFn: () => unwrap(desk['catalog.groupAttributes']({ group })),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const items = useMemo(() => attrs.data?.items ?? [], [attrs.data]);
  // The attributes most items of the group have, first.
  const keys = useMemo(() => {
    const n = new Map<string, number>();
    for (const [, a] of items) for (const k of Object.keys(a)) n.set(k, (n.get(k) ?? 0) + 1);
    return [...n]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_KEYS)
      .map(([k]) => k);
  }, [items]);
  const matches = (a: Record<string, string>, except: string | null) =>
    Object.entries(chosen).every(([k, vs]) => k === except || vs.length === 0 || vs.includes(a[k] ?? ''));
  const facets = useMemo(
    () =>
      keys.map((k) => {
        const counts = new Map<string, number>();
        for (const [, a] of items) {
          const v = a[k];
          if (v === undefined || !matches(a, k)) continue;
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        for (const v of chosen[k] ?? []) if (!counts.has(v)) counts.set(v, 0);
        const values = [...counts].sort((a, b) => a[0].localeCompare(b[0], 'ru', { numeric: true }));
        return { key: k, data: values.map(([v, c]) => ({ value: v, label: `${v} (${c})` })) };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [keys, items, chosen],
  );
  useEffect(() => {
    const active = Object.values(chosen).some((v) => v.length > 0);
    onChange(active ? new Set(items.filter(([, a]) => matches(a, null)).map(([id]) => id)) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosen, items]);
  if (!keys.length) return null;
  return (
    <Group px="md" pb={6} gap="xs" wrap="wrap" data-testid="catalog-facets">
      {facets.map((f) => (
        <MultiSelect
          key={f.key}
          size="xs"
          w={190}
          placeholder={f.key}
          aria-label={t('catalog.facet', { key: f.key })}
          data={f.data}
          value={chosen[f.key] ?? []}
          onChange={(v) => setChosen((c) => ({ ...c, [f.key]: v }))}
          searchable
          clearable
          data-testid={`facet-${f.key}`}
        />
      ))}
    </Group>
  );
}
