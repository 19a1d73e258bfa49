// A client's card: the ERP's requisites and terms, read-only and with their "as of", and what the
// manager keeps (contacts, delivery addresses, notes), edited in place and saved with Ctrl+S,
// offline too; a change someone else made meanwhile is told, field by field.
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientCard } from '../../../domain/contract';
import type { Contact, DeliveryAddress } from '../../../domain/clients/client-mutations';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { formatMoney } from '../shared/format';
import { ReceivablesBlock } from './ReceivablesBlock';
import { RetroBonusBlock } from '../plans/RetroBonusBlock';
import { ShipmentMail } from './ShipmentMail';

interface Draft {
  contacts: Contact[];
  deliveryAddresses: DeliveryAddress[];
  notes: string;
}

const draftOf = (c: ClientCard): Draft => ({
  contacts: c.contacts,
  deliveryAddresses: c.deliveryAddresses,
  notes: c.notes,
});

export function ClientCardPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const card = useQuery({ queryKey: ['clients', 'card', id], queryFn: () => unwrap(desk['clients.card']({ id })) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [base, setBase] = useState<ClientCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState(false);

  // Start editing from the card as it is; while editing, a newer server version is announced
  // instead of replacing what the manager is typing.
  const dirty = !!draft && !!base && JSON.stringify(draft) !== JSON.stringify(draftOf(base));
  useEffect(() => {
    if (card.data && (!base || !draft || (!dirty && card.data !== base))) {
      setBase(card.data);
      setDraft(draftOf(card.data));
    }
  }, [card.data, base, draft, dirty]);
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ rows }) => {
        if (rows.clients?.includes(String(id))) void queryClient.invalidateQueries({ queryKey: ['clients'] });
      }),
    [id, queryClient],
  );

  const changedElsewhere = !!card.data && !!base && card.data.version !== base.version && dirty;

  const save = async () => {
    if (!draft || !base || !dirty) return;
    const patch: Record<string, unknown> = {};
    if (JSON.stringify(draft.contacts) !== JSON.stringify(base.contacts)) patch.contacts = draft.contacts;
    if (JSON.stringify(draft.deliveryAddresses) !== JSON.stringify(base.deliveryAddresses))
      patch.delivery_addresses = draft.deliveryAddresses;
    if (draft.notes !== base.notes) patch.notes = draft.notes;
    const r = await desk['clients.updateCard']({ clientId: id, baseVersion: base.version, patch });
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setError(null);
    setSavedNote(true);
    setBase(null);
    setDraft(null);
    await queryClient.invalidateQueries({ queryKey: ['clients'] });
  };
  useHotkeys([['mod+S', () => void save()]], []);

  const c = card.data;
  if (!c || !draft) return null;
  const setContact = (i: number, patch: Partial<Contact>) =>
    setDraft({ ...draft, contacts: draft.contacts.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const setAddress = (i: number, patch: Partial<DeliveryAddress>) =>
    setDraft({
      ...draft,
      deliveryAddresses: draft.deliveryAddresses.map((x, k) => (k === i ? { ...x, ...patch } : x)),
    });

  return (
    <Stack gap="sm" p="md" data-testid="client-card">
      <div>
        <Title order={4}>{c.name}</Title>
        <Text size="xs" c="dimmed">
          {t('clients.columns.inn')} {c.inn}
          {c.kpp ? ` · ${t('clients.kpp')} ${c.kpp}` : ''} · {t('clients.manager')}: {c.managerName}
        </Text>
      </div>
      {c.pendingChanges > 0 && (
        <Badge color="orange" variant="light" data-testid="card-pending">
          {t('clients.pendingHere', { count: c.pendingChanges })}
        </Badge>
      )}
      {c.erpError && (
        <Alert color="red" variant="light" p="xs" data-testid="card-erp-error">
          <Text size="xs">{t('clients.erpRefused', { reason: c.erpError })}</Text>
        </Alert>
      )}
      {Number(c.overdue) > 0 && (
        <Alert color="red" variant="light" p="xs">
          <Text size="xs">
            {t('clients.overdueWarn')}: {formatMoney(c.overdue)} ₽
          </Text>
        </Alert>
      )}
      <Text size="xs" fw={600} c="dimmed">
        {t('clients.erp')}
      </Text>
      <Table fz="xs" verticalSpacing={2} horizontalSpacing={4}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td c="dimmed" w={150}>
              {t('clients.legalAddress')}
            </Table.Td>
            <Table.Td>{c.legalAddress}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.terms')}</Table.Td>
            <Table.Td>{c.paymentTerms}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.priceType')}</Table.Td>
            <Table.Td>
              {c.priceType} · {t('clients.coefficient')} {c.coefficient}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.creditLimit')}</Table.Td>
            <Table.Td>{formatMoney(c.creditLimit)} ₽</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.overdue')}</Table.Td>
            <Table.Td c={Number(c.overdue) > 0 ? 'red.7' : undefined}>{formatMoney(c.overdue)} ₽</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      {c.receivables && <ReceivablesBlock r={c.receivables} />}
      {c.retroBonuses.map((b) => (
        <RetroBonusBlock key={b.agreement} b={b} />
      ))}

      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('clients.contacts')}
        </Text>
        <Button
          variant="subtle"
          onClick={() =>
            setDraft({ ...draft, contacts: [...draft.contacts, { name: '', position: '', phone: '', email: '' }] })
          }
        >
          + {t('clients.add')}
        </Button>
      </Group>
      {draft.contacts.map((ct, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-end">
          <TextInput
            label={i === 0 ? t('clients.contact.name') : undefined}
            value={ct.name}
            onChange={(e) => setContact(i, { name: e.currentTarget.value })}
            style={{ flex: 2 }}
          />
          <TextInput
            label={i === 0 ? t('clients.contact.position') : undefined}
            value={ct.position}
            onChange={(e) => setContact(i, { position: e.currentTarget.value })}
            style={{ flex: 1.5 }}
          />
          <TextInput
            label={i === 0 ? t('clients.contact.phone') : undefined}
            value={ct.phone}
            onChange={(e) => setContact(i, { phone: e.currentTarget.value })}
            style={{ flex: 1.5 }}
          />
          <TextInput
            label={i === 0 ? t('clients.contact.email') : undefined}
            value={ct.email}
            onChange={(e) => setContact(i, { email: e.currentTarget.value })}
            style={{ flex: 1.5 }}
          />
          <Button
            variant="subtle"
            color="gray"
            px={6}
            aria-label={t('clients.remove')}
            onClick={() => setDraft({ ...draft, contacts: draft.contacts.filter((_, k) => k !== i) })}
          >
            ✕
          </Button>
        </Group>
      ))}

      <ShipmentMail clientId={id} contacts={c.contacts} />

      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('clients.addresses')}
        </Text>
        <Button
          variant="subtle"
          onClick={() =>
            setDraft({ ...draft, deliveryAddresses: [...draft.deliveryAddresses, { label: '', address: '' }] })
          }
        >
          + {t('clients.add')}
        </Button>
      </Group>
      {draft.deliveryAddresses.map((a, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-end">
          <TextInput
            label={i === 0 ? t('clients.address.label') : undefined}
            value={a.label}
            onChange={(e) => setAddress(i, { label: e.currentTarget.value })}
            w={110}
          />
          <TextInput
            label={i === 0 ? t('clients.address.address') : undefined}
            value={a.address}
            onChange={(e) => setAddress(i, { address: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <Button
            variant="subtle"
            color="gray"
            px={6}
            aria-label={t('clients.remove')}
            onClick={() => setDraft({ ...draft, deliveryAddresses: draft.deliveryAddresses.filter((_, k) => k !== i) })}
          >
            ✕
          </Button>
        </Group>
      ))}

      <Textarea
        label={t('clients.notes')}
        placeholder={t('clients.notesPlaceholder')}
        value={draft.notes}
        onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        autosize
        minRows={3}
        maxRows={10}
        data-testid="card-notes"
      />
      {changedElsewhere && (
        <Alert color="yellow" variant="light" p="xs">
          <Group justify="space-between">
            <Text size="xs">{t('clients.changedElsewhere')}</Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setBase(null);
                setDraft(null);
              }}
            >
              {t('clients.reload')}
            </Button>
          </Group>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" p="xs" data-testid="card-error">
          <Text size="xs">{error}</Text>
        </Alert>
      )}
      {savedNote && !dirty && (
        <Text size="xs" c="teal.7">
          {t('clients.saved')}
        </Text>
      )}
      <Group gap="xs">
        <Button onClick={() => void save()} disabled={!dirty} data-testid="card-save">
          {t('clients.save')} (Ctrl+S)
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => base && setDraft(draftOf(base))}>
          {t('clients.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
