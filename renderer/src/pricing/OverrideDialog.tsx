// The manager's manual price on one line or a selection: a unit price or a discount, always with
// a reason from the list and, for "other", the manager's words. "Reason only" explains overrides
// already made (a price typed into a cell, a discount pasted from a file) without moving them.
// One undoable step; lines below the floor are flagged for the supervisor afterwards.
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERRIDE_REASONS, type OverrideReason } from '../../../domain/pricing/price-floors';
import { desk, unwrap } from '../shared/desk';

export type OverrideMode = 'price' | 'discount' | 'reason';

export function OverrideDialog({
  orderId,
  lineIds,
  initialMode,
  preorder,
  onClose,
  onDone,
}: {
  orderId: string;
  lineIds: string[];
  initialMode: OverrideMode;
  preorder: boolean;
  onClose: () => void;
  onDone: (changed: number) => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<OverrideMode>(initialMode);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<OverrideReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    if (mode !== 'reason' && !value.trim()) return setError(t('overrides.valueRequired'));
    if (!reason) return setError(t('overrides.reasonRequired'));
    if (reason === 'other' && !note.trim()) return setError(t('overrides.noteRequired'));
    setBusy(true);
    try {
      const r = await unwrap(
        desk['orders.bulk']({
          orderId,
          lineIds,
          action: {
            kind: 'override',
            reason,
            note: note.trim(),
            ...(mode === 'price' ? { price: value } : mode === 'discount' ? { discount: value } : {}),
          },
        }),
      );
      if (r.problems.length) {
        const p = r.problems[0]!;
        setError(
          t('orders.bulkRefused', {
            count: r.problems.length,
            line: p.lineNo,
            value: p.value,
            column: t(`orders.preview.fields.${p.field}`, { defaultValue: p.field }),
          }),
        );
      } else onDone(r.changed);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    } finally {
      setBusy(false);
    }
  };

  const modes = (['price', 'discount', 'reason'] as const).filter((m) => !(preorder && m === 'discount'));
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('overrides.title', { count: lineIds.length })}
      size="md"
      data-testid="override-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setMode(v as OverrideMode)}
            data={modes.map((m) => ({ value: m, label: t(`overrides.modes.${m}`) }))}
            data-testid="override-mode"
          />
          {mode !== 'reason' && (
            <TextInput
              label={t(`overrides.value.${mode}`)}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              data-autofocus
              inputMode="decimal"
              data-testid="override-value"
            />
          )}
          <Select
            label={t('overrides.reason')}
            value={reason}
            onChange={(v) => setReason(v as OverrideReason | null)}
            required
            data={OVERRIDE_REASONS.map((r) => ({ value: r, label: t(`overrides.reasons.${r}`) }))}
            data-testid="override-reason"
            comboboxProps={{ withinPortal: true }}
            {...(mode === 'reason' ? { 'data-autofocus': true } : {})}
          />
          <TextInput
            label={t('overrides.note')}
            placeholder={t('overrides.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={1000}
            data-testid="override-note"
          />
          <Text size="xs" c="dimmed">
            {mode === 'reason' ? t('overrides.onlyOverridden') : t('overrides.hint')}
          </Text>
          {error && (
            <Alert color="red" variant="light" p={6}>
              <Text size="xs" data-testid="override-error">
                {error}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('orders.preview.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="override-apply">
              {t('overrides.apply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
