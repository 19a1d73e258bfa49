// A print preview over the screen: a bar with what it is, Print and Close (Esc closes too), and the
// page the print stylesheet lays out (an order, a quote).
import { Button, Group, Text } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function PrintSheet({
  hint,
  ready = true,
  onClose,
  testId,
  children,
}: {
  hint: string;
  /** Print waits until the page holds what it prints. */
  ready?: boolean;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const close = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [onClose]);
  return (
    <div className="desk-print" data-testid={testId}>
      <Group className="desk-print-tools" justify="space-between" p="xs">
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <Group gap="xs">
          <Button size="xs" onClick={() => window.print()} disabled={!ready} data-autofocus>
            {t('orders.print.print')}
          </Button>
          <Button size="xs" variant="default" onClick={onClose}>
            {t('orders.print.close')}
          </Button>
        </Group>
      </Group>
      <div className="desk-print-page">{children}</div>
    </div>
  );
}
