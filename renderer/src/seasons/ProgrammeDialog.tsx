// A seasonal programme's definition: name and season, the order window, its goods (whole product
// groups, and single items by article, checked against the catalog) and the bonus scale (from a
// share of the commitment ordered, a percent of what was ordered). Refusals in words; nothing saved.
import { ActionIcon, Button, Group, Modal, MultiSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';

interface Draft {
  name: string;
  season: string;
  orderFrom: string;
  orderTo: string;
  groups: string[];
  articles: string;
  steps: { from: string; percent: string }[];
}

const today = () => new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 10);

export function ProgrammeDialog({
  programme,
  onClose,
  onSaved,
}: {
  /** null: a new programme. */
  programme: ProgrammeRow | null;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const { t } = useTranslation();
  const options = useQuery({ queryKey: ['plans', 'options'], queryFn: () => unwrap(desk['plans.options']({})) });
  const [d, setD] = useState<Draft>({
    name: programme?.name ?? '',
    season: programme?.season ?? '',
    orderFrom: programme?.orderFrom ?? today(),
    orderTo: programme?.orderTo ?? today(),
    groups: programme?.groups ?? [],
    articles: '',
    steps: programme?.bonusSteps ?? [],
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The programme's single items, shown by their articles.
  useEffect(() => {
    if (!programme?.itemIds.length) return;
    void Promise.all(programme.itemIds.slice(0, 500).map((id) => unwrap(desk['catalog.item']({ id })))).then((items) =>
      setD((x) => ({ ...x, articles: items.map((i) => i.article).join('\n') })),
    );
  }, [programme]);
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      let itemIds: number[] = [];
      if (d.articles.trim()) {
        const found = await unwrap(desk['catalog.bulkSearch']({ text: d.articles }));
        const missing = found.filter((r) => r.kind !== 'exact' || !r.item).map((r) => r.article);
        if (missing.length) {
          setError(t('seasons.unknownArticles', { list: missing.slice(0, 10).join(', ') }));
          return;
        }
        itemIds = found.map((r) => r.item!.id);
      }
      const r = await unwrap(
        desk['season.save']({
          ...(programme ? { programmeId: programme.id } : {}),
          fields: {
            name: d.name,
            season: d.season,
            orderFrom: d.orderFrom,
            orderTo: d.orderTo,
            groups: d.groups,
            itemIds,
            bonusSteps: d.steps
              .filter((s) => s.from.trim() || s.percent.trim())
              .map((s) => ({ from: s.from.trim().replace(',', '.'), percent: s.percent.trim().replace(',', '.') })),
          },
        }),
      );
      onSaved(r.id);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      const reason = /window_backwards|no_goods|steps_not_rising/.exec(err.message ?? '')?.[0];
      setError(
        reason ? t(`seasons.refused.${reason}`) : t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }),
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={programme ? t('seasons.edit') : t('seasons.add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          <Group grow>
            <TextInput
              size="xs"
              data-autofocus
              label={t('seasons.fields.name')}
              data-testid="programme-name"
              value={d.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              label={t('seasons.fields.season')}
              data-testid="programme-season"
              value={d.season}
              onChange={(e) => set({ season: e.currentTarget.value })}
            />
          </Group>
          <Group grow>
            <TextInput
              size="xs"
              type="date"
              label={t('seasons.fields.orderFrom')}
              data-testid="programme-from"
              value={d.orderFrom}
              onChange={(e) => set({ orderFrom: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              type="date"
              label={t('seasons.fields.orderTo')}
              data-testid="programme-to"
              value={d.orderTo}
              onChange={(e) => set({ orderTo: e.currentTarget.value })}
            />
          </Group>
          <MultiSelect
            size="xs"
            searchable
            label={t('seasons.fields.groups')}
            data-testid="programme-groups"
            value={d.groups}
            onChange={(groups) => set({ groups })}
            data={options.data?.groups ?? []}
          />
          <Textarea
            size="xs"
            autosize
            minRows={2}
            maxRows={6}
            label={t('seasons.fields.articles')}
            data-testid="programme-articles"
            value={d.articles}
            onChange={(e) => set({ articles: e.currentTarget.value })}
          />
          <Text size="xs" fw={500}>
            {t('seasons.fields.steps')}
          </Text>
          {d.steps.map((s, i) => (
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput
                size="xs"
                aria-label={t('seasons.fields.stepFrom')}
                placeholder={t('seasons.fields.stepFrom')}
                data-testid={`programme-step-from-${i}`}
                value={s.from}
                onChange={(e) =>
                  set({ steps: d.steps.map((x, k) => (k === i ? { ...x, from: e.currentTarget.value } : x)) })
                }
              />
              <TextInput
                size="xs"
                aria-label={t('seasons.fields.stepPercent')}
                placeholder={t('seasons.fields.stepPercent')}
                data-testid={`programme-step-percent-${i}`}
                value={s.percent}
                onChange={(e) =>
                  set({ steps: d.steps.map((x, k) => (k === i ? { ...x, percent: e.currentTarget.value } : x)) })
                }
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => set({ steps: d.steps.filter((_, k) => k !== i) })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="compact-xs"
              variant="default"
              data-testid="programme-add-step"
              onClick={() => set({ steps: [...d.steps, { from: '', percent: '' }] })}
            >
              + {t('seasons.addStep')}
            </Button>
          </Group>
          {error && (
            <Text size="sm" c="red" data-testid="programme-error">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={onClose}>
              {t('seasons.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={saving} disabled={!d.name.trim()} data-testid="programme-save">
              {t('seasons.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
