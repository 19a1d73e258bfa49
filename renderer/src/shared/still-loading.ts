// Whether the replica is still filling from the server (the first sync, or a long catch-up after
// a time offline): an empty list then means "not here yet", not "there are none".
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from './desk';

/** The text of an empty list: `none` once the data is here, else that it is still loading. */
export function useEmptyText(none: string): string {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  return status.data?.progress ? t('status.stillLoading') : none;
}
