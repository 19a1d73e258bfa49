// A new ticket: the client, the category with its own fields (a period for a reconciliation act,
// new requisites and the date they apply from, an address, which originals and how to send them),
// the subject and the client's request from a per-category template, files. Checked by the same
// category schema the mutation uses, so a bad field is named before anything is saved.
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../domain/aftersales/attachment';
import { TICKET_CATEGORY_NAMES, ticketFields, type TicketCategory } from '../../../domain/aftersales/ticket';
import { AttachmentPicker } from '../aftersales/Attachments';
import { errorText } from '../aftersales/errors';
import { desk, unwrap } from '../shared/desk';

type FieldKind = 'date' | 'text' | 'long' | 'sendBy';
/** How each category's fields are asked for (their rules are the domain's schema). */
const FIELD_INPUTS: Record<TicketCategory, [string, FieldKind][]> = {
  reconciliation_act: [
    ['periodFrom', 'date'],
    ['periodTo', 'date'],
    ['agreement', 'text'],
  ],
  requisites_change: [
    ['requisites', 'long'],
    ['effectiveFrom', 'date'],
  ],
  delivery_address: [
    ['address', 'long'],
    ['effectiveFrom', 'date'],
  ],
  document_originals: [
    ['documents', 'long'],
    ['sendBy', 'sendBy'],
  ],
  question: [],
  other: [],
};

export function NewTicketDialog({
  clientId: fixedClient,
  onClose,
  onCreated,
}: {
  clientId?: number;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const [clientId, setClientId] = useState<string | null>(fixedClient ? String(fixedClient) : null);
  const [category, setCategory] = useState<TicketCategory>('question');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  const [error, setError] = useState<string | null>(null);

  const chooseCategory = (c: TicketCategory) => {
    setCategory(c);
    setFields(c === 'document_originals' ? { sendBy: 'courier' } : {});
    // The template helps only while the manager has not written their own words.
    if (!body.trim() || TICKET_CATEGORY_NAMES.some((k) => body === t(`tickets.templates.${k}`)))
      setBody(t(`tickets.templates.${c}`));
  };

  const create = async () => {
    if (!clientId) return setError(t('tickets.new.noClient'));
    const parsed = ticketFields(category, fields);
    if (!parsed.ok) {
      const [field, ...problem] = parsed.message.split(':');
      return setError(
        t('aftersales.errors.fields', {
          field: t(`tickets.fields.${field}`, { defaultValue: field }),
          problem: problem.join(':').trim(),
        }),
      );
    }
    if (!body.trim()) return setError(t('tickets.new.noBody'));
    try {
      const r = await unwrap(
        desk['tickets.create']({
          clientId: Number(clientId),
          category,
          subject: subject.trim() || t(`tickets.categories.${category}`),
          fields: parsed.fields,
          body: body.trim(),
          attachments: files,
        }),
      );
      onCreated(r.id);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('tickets.new.title')} size="lg" data-testid="new-ticket-dialog">
      <Stack gap="sm">
        {!fixedClient && (
          <Select
            label={t('tickets.new.client')}
            placeholder={t('orders.clientPlaceholder')}
            searchable
            value={clientId}
            onChange={setClientId}
            limit={50}
            data-autofocus
            data={(clients.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} · ${c.inn}` }))}
            data-testid="new-ticket-client"
          />
        )}
        <Select
          label={t('tickets.new.category')}
          value={category}
          onChange={(v) => v && chooseCategory(v as TicketCategory)}
          allowDeselect={false}
          data={TICKET_CATEGORY_NAMES.map((c) => ({ value: c, label: t(`tickets.categories.${c}`) }))}
          data-testid="new-ticket-category"
        />
        {FIELD_INPUTS[category].length > 0 && (
          <Group grow align="flex-start">
            {FIELD_INPUTS[category].map(([name, kind]) => {
              const common = {
                label: t(`tickets.fields.${name}`),
                value: fields[name] ?? '',
                'data-testid': `ticket-field-${name}`,
              };
              if (kind === 'sendBy') {
                return (
                  <Select
                    key={name}
                    {...common}
                    allowDeselect={false}
                    onChange={(v) => setFields((f) => ({ ...f, [name]: v ?? 'courier' }))}
                    data={(['courier', 'post', 'edo'] as const).map((v) => ({
                      value: v,
                      label: t(`tickets.sendBy.${v}`),
                    }))}
                  />
                );
              }
              if (kind === 'long')
                return (
                  <Textarea
                    key={name}
                    {...common}
                    autosize
                    minRows={2}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setFields((f) => ({ ...f, [name]: v }));
                    }}
                  />
                );
              return (
                <TextInput
                  key={name}
                  {...common}
                  type={kind === 'date' ? 'date' : 'text'}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setFields((f) => ({ ...f, [name]: v }));
                  }}
                />
              );
            })}
          </Group>
        )}
        <TextInput
          label={t('tickets.new.subject')}
          placeholder={t(`tickets.categories.${category}`)}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          data-testid="new-ticket-subject"
        />
        <Textarea
          label={t('tickets.new.body')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          data-testid="new-ticket-body"
        />
        <AttachmentPicker value={files} onChange={setFiles} testId="new-ticket-files" />
        {error && (
          <Alert color="red" variant="light" p={6} data-testid="new-ticket-error">
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('claims.cancel')}
          </Button>
          <Button onClick={() => void create()} data-testid="new-ticket-create">
            {t('tickets.new.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
