// What a reserve and a preorder are under the order's header: until when 1C holds the reserve (a
// countdown, warm in its last day), how much of it, what the desk asked and awaits, and the
// actions (extend by the agreement's days or another, make it an order); what 1C has secured of
// a preorder and the one action that makes the secured part an order; the orders made of it and
// the preorder an order was made of, each one click away.
import { Anchor, Badge, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView } from '../../../../domain/contract';
import { holdLeft } from '../../../../domain/orders/order-kind-terms';
import { desk, unwrap } from '../../shared/desk';
import { formatTime } from '../../shared/format';
import { OrderStatusBadge } from '../order-parts';

const EXTEND_DAYS = [1, 3, 7, 14];

/** The time now, again every minute: a countdown that moves without the order changing. */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function OrderKindBar({ order, onOpen }: { order: OrderHeaderView; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const now = useMinute();
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  const [asking, setAsking] = useState<{ text: string; then: () => void } | null>(null);
  const { hold, preorder, fromOrder, merge } = order.kindState;
  const act = async (call: () => Promise<unknown>, done?: (r: unknown) => string) => {
    try {
      const r = await call();
      setSaid(done ? { text: done(r), bad: false } : null);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setSaid({
        text:
          err.code === 'order_kind'
            ? t(`orderKinds.refused.${err.message}`)
            : t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }),
        bad: true,
      });
    }
  };
  const confirm = (text: string, then: () => void) => setAsking({ text, then });
  const question = (
    <Modal opened={!!asking} onClose={() => setAsking(null)} withCloseButton={false} size="md">
      <Text size="sm">{asking?.text}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => setAsking(null)}>
          {t('orderKinds.cancel')}
        </Button>
        <Button
          data-autofocus
          data-testid="kind-confirm"
          onClick={() => {
            asking?.then();
            setAsking(null);
          }}
        >
          {t('orderKinds.confirm')}
        </Button>
      </Group>
    </Modal>
  );
  if (merge)
    return (
      <Group gap="xs" wrap="nowrap" data-testid="kind-merge">
        <Badge color="orange" variant="light" size="sm">
          {t('orderKinds.merge.badge')}
        </Badge>
        <Text size="xs" c="orange.8">
          {t(`orderKinds.merge.${merge.role}.${merge.step}`, { count: merge.lines })}
        </Text>
        <Anchor size="xs" onClick={() => onOpen(merge.partnerId)} data-testid="kind-merge-partner">
          {merge.partnerNumber ?? '—'}
        </Anchor>
      </Group>
    );
  if (!hold && !preorder && !fromOrder) return null;
  const sent = order.status !== 'draft' && order.status !== 'rejected' && order.status !== 'submitted';
  const said_ = (
    <>
      {said && (
        <Text size="xs" c={said.bad ? 'red.7' : 'teal.8'} data-testid="kind-said">
          {said.text}
        </Text>
      )}
      {question}
    </>
  );

  if (fromOrder)
    return (
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('orderKinds.fromOrder')}
        </Text>
        <Anchor size="xs" onClick={() => onOpen(fromOrder.id)} data-testid="kind-from-order">
          {fromOrder.number ?? '—'}
        </Anchor>
      </Group>
    );

  if (hold) {
    if (!sent) return null;
    if (hold.state === 'released')
      return (
        <Text size="xs" c="dimmed" data-testid="kind-hold">
          {t('orderKinds.hold.released', { until: formatTime(hold.until) })}
        </Text>
      );
    if (hold.state === 'converted')
      return (
        <Text size="xs" c="dimmed" data-testid="kind-hold">
          {t('orderKinds.hold.converted')}
        </Text>
      );
    if (hold.state !== 'held' || !hold.until)
      return (
        <Text size="xs" c="orange.8" data-testid="kind-hold">
          {t('orderKinds.hold.waiting')}
        </Text>
      );
    const left = holdLeft(hold.until, new Date(now).toISOString())!;
    const hours = Math.max(0, Math.floor(left.ms / 3600_000));
    const time =
      hours >= 24
        ? t('orderKinds.hold.leftDays', { days: Math.floor(hours / 24), hours: hours % 24 })
        : t('orderKinds.hold.leftHours', { hours, minutes: Math.max(0, Math.floor(left.ms / 60_000) % 60) });
    const extendDays = [...new Set([hold.days, ...EXTEND_DAYS])].sort((a, b) => a - b);
    return (
      <Group gap="md" wrap="nowrap" data-testid="kind-hold">
        <Badge color={left.warn ? 'orange' : 'teal'} variant="light" size="sm">
          {t('orderKinds.hold.until', { until: formatTime(hold.until) })}
        </Badge>
        <Text size="xs" c={left.warn ? 'orange.8' : 'dimmed'} fw={left.warn ? 600 : undefined}>
          {t('orderKinds.hold.left', { time })}
          {left.warn ? ` · ${t('orderKinds.hold.endsSoon')}` : ''}
        </Text>
        <Text size="xs" c={hold.heldWhole < hold.lines ? 'orange.8' : 'dimmed'}>
          {t('orderKinds.hold.lines', { whole: hold.heldWhole, part: hold.heldPart, lines: hold.lines })}
        </Text>
        {hold.request ? (
          <Text size="xs" c="orange.8" data-testid="kind-asked">
            {t(`orderKinds.hold.asked.${hold.request.kind}`, { days: hold.request.days ?? '' })}
          </Text>
        ) : (
          <Group gap={4} wrap="nowrap">
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <Button size="compact-xs" variant="default" disabled={left.expired} data-testid="kind-extend">
                  {t('orderKinds.hold.extend')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {extendDays.map((days) => (
                  <Menu.Item
                    key={days}
                    onClick={() => void act(() => unwrap(desk['orders.extendReserve']({ id: order.id, days })))}
                  >
                    {t(days === hold.days ? 'orderKinds.hold.extendAgreement' : 'orderKinds.hold.extendBy', {
                      count: days,
                    })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button
              size="compact-xs"
              variant="default"
              disabled={left.expired}
              data-testid="kind-convert-reserve"
              onClick={() =>
                confirm(
                  t('orderKinds.hold.convertConfirm'),
                  () => void act(() => unwrap(desk['orders.convertReserve']({ id: order.id }))),
                )
              }
            >
              {t('orderKinds.hold.convert')}
            </Button>
          </Group>
        )}
        {said_}
      </Group>
    );
  }

  if (!preorder) return null;
  if (!sent)
    return order.status === 'submitted' ? (
      <Text size="xs" c="orange.8">
        {t('orderKinds.preorder.waiting')}
      </Text>
    ) : null;
  return (
    <Group gap="md" wrap="nowrap" data-testid="kind-preorder">
      <Text size="xs" c={preorder.waiting ? 'dimmed' : 'teal.8'}>
        {t('orderKinds.preorder.state', preorder)}
      </Text>
      {preorder.convertible > 0 && (
        <Button
          size="compact-xs"
          data-testid="kind-convert-secured"
          onClick={() =>
            confirm(
              t('orderKinds.preorder.convertConfirm', { count: preorder.convertible }),
              () =>
                void act(
                  () => unwrap(desk['orders.convertSecured']({ id: order.id })),
                  (r) => t('orderKinds.preorder.done', { lines: (r as { lines: number }).lines }),
                ),
            )
          }
        >
          {t('orderKinds.preorder.convert', { count: preorder.convertible })}
        </Button>
      )}
      {preorder.made.length > 0 && (
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('orderKinds.preorder.made')}
          </Text>
          {preorder.made.map((m) => (
            <Group key={m.id} gap={4} wrap="nowrap">
              <Anchor size="xs" onClick={() => onOpen(m.id)} data-testid="kind-made-order">
                {m.number ?? '—'}
              </Anchor>
              <OrderStatusBadge
                order={{ status: m.status as OrderHeaderView['status'], submittedAt: null }}
                testId="kind-made-status"
              />
            </Group>
          ))}
        </Group>
      )}
      {said_}
    </Group>
  );
}
