// A client's commitment under a programme: the client (of the user's team), in rubles or in units,
// how much, and why; refusals in words (the window is over), nothing saved.
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { refusalText } from '../shared/refusal';

export function CommitmentDialog({
  programmeId,
  commitment,
  taken,
  onClose,
  onSaved,
}: {
  programmeId: string;
  /** null: a new commitment. */
  commitment: CommitmentRow | null;
  /** Clients with a commitment already (not offered again). */
  taken: number[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const [clientId, setClientId] = useState<number | null>(commitment?.clientId ?? null);
  const [unit, setUnit] = useState<'money' | 'quantity'>(commitment?.unit ?? 'money');
  const [amount, setAmount] = useState(commitment?.amount ?? '');
  const [note, setNote] = useState(commitment?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (clientId === null) return;
    setError(null);
    try {
      await unwrap(desk['season.setCommitment']({ programmeId, clientId, unit, amount, note }));
      onSaved();
    } catch (e) {
      setError(refusalText(t, e, 'season', 'seasons.refused'));
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="md"
      title={commitment ? t('seasons.editCommitment', { client: commitment.clientName }) : t('seasons.addCommitment')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          {!commitment && (
            <Select
              size="xs"
              searchable
              label={t('seasons.fields.client')}
              data-testid="commitment-client"
              value={clientId === null ? null : String(clientId)}
              onChange={(v) => setClientId(v ? Number(v) : null)}
              data={(clients.data ?? [])
                .filter((c) => !taken.includes(c.id))
                .map((c) => ({ value: String(c.id), label: `${c.name} · ${c.managerName}` }))}
            />
          )}
          <SegmentedControl
            size="xs"
            value={unit}
            onChange={(v) => setUnit(v as 'money' | 'quantity')}
            data={(['money', 'quantity'] as const).map((u) => ({ value: u, label: t(`seasons.unitNames.${u}`) }))}
          />
          <TextInput
            size="xs"
            data-autofocus={commitment ? true : undefined}
            label={`${t('seasons.fields.amount')}, ${t(`seasons.units.${unit}`)}`}
            data-testid="commitment-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
          />
          <TextInput
            size="xs"
            label={t('seasons.fields.note')}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {error && (
            <Text size="sm" c="red" data-testid="commitment-error">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={onClose}>
              {t('seasons.cancel')}
            </Button>
            <Button
              size="xs"
              type="submit"
              disabled={clientId === null || !amount.trim()}
              data-testid="commitment-save"
            >
              {t('seasons.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
