// On the client's card: which of the client's contacts get a letter when an order ships. A
// contact's own choice, told to the manager; saved at once (offline too), replicated to the team.
import { Checkbox, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../domain/clients/client-mutations';
import { desk, unwrap } from '../shared/desk';

export function ShipmentMail({ clientId, contacts }: { clientId: number; contacts: Contact[] }) {
  const { t } = useTranslation();
  const chosen = useQuery({
    queryKey: ['clients', 'shipmentTo', clientId],
    queryFn: () => unwrap(desk['mail.shipmentTo']({ clientId })),
  });
  const emails = [...new Set(contacts.map((c) => c.email.trim().toLowerCase()).filter((e) => e.includes('@')))];
  if (!emails.length) return null;
  const set = new Set(chosen.data ?? []);
  const toggle = (email: string, on: boolean) => {
    const next = on ? [...set, email] : [...set].filter((e) => e !== email);
    void desk['mail.setShipmentTo']({ clientId, shippedTo: next }).then(() => chosen.refetch());
  };
  return (
    <Group gap={12} data-testid="shipment-mail">
      <Text size="xs" fw={600}>
        {t('mail.shipmentTo')}
      </Text>
      {emails.map((e) => (
        <Checkbox
          key={e}
          size="xs"
          label={e}
          checked={set.has(e)}
          onChange={(ev) => toggle(e, ev.currentTarget.checked)}
        />
      ))}
    </Group>
  );
}
