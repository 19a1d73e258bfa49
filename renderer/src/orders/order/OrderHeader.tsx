// The order's shipment header, edited in place: contract (договор) with its payment terms,
// delivery or pickup, delivery address (the client's or typed), wanted shipment date (typed as
// people write dates), warehouse, comment. Each field is saved on its own when it is left or
// Enter is pressed, as a header mutation (offline too); locked orders show it read-only.
import { Autocomplete, Group, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView } from '../../../../domain/contract';
import { typedDate } from '../../../../domain/orders/order';
import { desk, unwrap } from '../../shared/desk';

type HeaderPatch = {
  agreement?: string | null;
  deliveryMethod?: 'delivery' | 'pickup';
  deliveryAddress?: string;
  deliveryDate?: string | null;
  comment?: string;
  warehouseId?: number;
};

/** YYYY-MM-DD as the language writes dates (01.12.2026 / 12/01/2026). */
function shownDate(iso: string | null, lang: string): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return lang === 'en' ? `${m}/${d}/${y}` : `${d}.${m}.${y}`;
}

export function OrderHeader({
  order,
  editable,
  warehouses,
  onError,
}: {
  order: OrderHeaderView;
  editable: boolean;
  warehouses: { id: number; name: string }[];
  onError: (e: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Text fields keep what is being typed; the order's values come back after each save or sync.
  const [address, setAddress] = useState(order.deliveryAddress);
  const [date, setDate] = useState(shownDate(order.deliveryDate, lang));
  const [comment, setComment] = useState(order.comment);
  const [dateBad, setDateBad] = useState(false);
  useEffect(() => setAddress(order.deliveryAddress), [order.deliveryAddress]);
  useEffect(() => setDate(shownDate(order.deliveryDate, lang)), [order.deliveryDate, lang]);
  useEffect(() => setComment(order.comment), [order.comment]);

  const save = async (patch: HeaderPatch) => {
    try {
      await unwrap(desk['orders.setHeader']({ orderId: order.id, ...patch }));
    } catch (e) {
      onError(e);
    }
  };
  const saveDate = () => {
    const text = date.trim();
    if (text === shownDate(order.deliveryDate, lang)) return setDateBad(false);
    // English dates are written month first; the domain reads day first, so turn them round.
    const en = lang === 'en' ? /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text) : null;
    const iso = text === '' ? null : typedDate(en ? `${en[2]}.${en[1]}.${en[3]}` : text);
    if (text !== '' && !iso) return setDateBad(true);
    setDateBad(false);
    void save({ deliveryDate: iso });
  };
  const agreementLabel = (a: OrderHeaderView['clientAgreements'][number]) =>
    t('orders.header.agreementLabel', { number: a.number, date: shownDate(a.date, lang), terms: a.terms });
  const agreements = order.clientAgreements.map((a) => ({ value: a.number, label: agreementLabel(a) }));
  // A contract the order names that the client no longer has stays visible, marked.
  if (order.agreement && !agreements.some((a) => a.value === order.agreement))
    agreements.push({ value: order.agreement, label: t('orders.header.agreementGone', { number: order.agreement }) });
  const enter = (commit: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    }
  };

  if (!editable) {
    const agreement = order.clientAgreements.find((a) => a.number === order.agreement);
    return (
      <Group gap="xl" wrap="nowrap" data-testid="order-header">
        <Text size="xs" c="dimmed">
          {t('orders.header.agreement')}:{' '}
          {agreement ? agreementLabel(agreement) : (order.agreement ?? t('orders.header.noAgreement'))}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`orders.header.methods.${order.deliveryMethod}`)}
          {order.deliveryMethod === 'delivery' && order.deliveryAddress ? `: ${order.deliveryAddress}` : ''}
        </Text>
        {order.deliveryDate && (
          <Text size="xs" c="dimmed">
            {t('orders.header.date')}: {shownDate(order.deliveryDate, lang)}
          </Text>
        )}
        {order.comment && (
          <Text size="xs" c="dimmed">
            {t('orders.comment')}: {order.comment}
          </Text>
        )}
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end" data-testid="order-header">
      <Select
        size="xs"
        w={330}
        style={{ flexShrink: 0 }}
        comboboxProps={{ width: 'max-content' }}
        label={t('orders.header.agreement')}
        data={agreements}
        value={order.agreement}
        clearable
        placeholder={t('orders.header.noAgreement')}
        onChange={(v) => v !== order.agreement && void save({ agreement: v })}
        data-testid="header-agreement"
      />
      <SegmentedControl
        size="xs"
        style={{ flexShrink: 0 }}
        value={order.deliveryMethod}
        data={[
          { value: 'delivery', label: t('orders.header.methods.delivery') },
          { value: 'pickup', label: t('orders.header.methods.pickup') },
        ]}
        onChange={(v) => {
          // Delivery needs an address: the one typed, else the client's first.
          const to = v as 'delivery' | 'pickup';
          void save(
            to === 'pickup'
              ? { deliveryMethod: 'pickup' }
              : { deliveryMethod: 'delivery', deliveryAddress: address || order.clientAddresses[0]?.address || '' },
          );
        }}
        data-testid="header-method"
      />
      {order.deliveryMethod === 'delivery' && (
        <Autocomplete
          size="xs"
          style={{ flex: 1, minWidth: 200 }}
          label={t('orders.header.address')}
          value={address}
          onChange={setAddress}
          data={order.clientAddresses.map((a) => a.address)}
          maxLength={500}
          onBlur={() => address.trim() !== order.deliveryAddress && void save({ deliveryAddress: address })}
          onKeyDown={enter(() => address.trim() !== order.deliveryAddress && void save({ deliveryAddress: address }))}
          data-testid="header-address"
        />
      )}
      <TextInput
        size="xs"
        w={110}
        style={{ flexShrink: 0 }}
        label={t('orders.header.date')}
        placeholder={t('orders.header.datePlaceholder')}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={dateBad ? t('orders.header.badDate') : undefined}
        onBlur={saveDate}
        onKeyDown={enter(saveDate)}
        data-testid="header-date"
      />
      <Select
        size="xs"
        w={190}
        style={{ flexShrink: 0 }}
        comboboxProps={{ width: 'max-content' }}
        label={t('orders.warehouse')}
        data={warehouses.map((w) => ({ value: String(w.id), label: w.name }))}
        value={String(order.warehouseId)}
        allowDeselect={false}
        onChange={(v) => v && Number(v) !== order.warehouseId && void save({ warehouseId: Number(v) })}
        data-testid="header-warehouse"
      />
      <TextInput
        size="xs"
        style={{ flex: 1, minWidth: 160 }}
        label={t('orders.comment')}
        value={comment}
        maxLength={2000}
        onChange={(e) => setComment(e.currentTarget.value)}
        onBlur={() => comment.trim() !== order.comment && void save({ comment })}
        onKeyDown={enter(() => comment.trim() !== order.comment && void save({ comment }))}
        data-testid="header-comment"
      />
    </Group>
  );
}
