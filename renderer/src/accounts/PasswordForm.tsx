// Choosing one's own password: after a one-time password at sign-in, or from the header menu. The
// rules (domain/accounts/password-rules.ts) are checked as the user types, the same ones the
// server applies; the server's refusal is shown in the same words.
import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../domain/accounts/password-rules';
import { desk, errorText } from '../shared/desk';

export function PasswordForm({
  login,
  current: given,
  onDone,
  submitLabel,
}: {
  login: string;
  /** The password just typed at sign-in (the one-time one); asked for when absent. */
  current?: string;
  onDone: () => void;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(given ?? '');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = next ? passwordProblem(next, login) : null;
  const mismatch = repeat.length > 0 && repeat !== next;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!next || problem || repeat !== next || !current) return;
    setBusy(true);
    setError(null);
    const r = await desk['session.setPassword']({ current, next });
    setBusy(false);
    if (r.ok) return onDone();
    setError(
      r.error.code === 'weak_password'
        ? t(`accounts.password.problems.${r.error.message}`, { defaultValue: t('errors.weak_password') })
        : errorText(t, r.error),
    );
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="password-form">
      <Stack gap="sm">
        {given === undefined && (
          <PasswordInput
            label={t('accounts.password.current')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            size="sm"
            data-testid="password-current"
          />
        )}
        <PasswordInput
          label={t('accounts.password.next')}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          autoComplete="new-password"
          size="sm"
          autoFocus
          error={problem ? t(`accounts.password.problems.${problem}`) : undefined}
          data-testid="password-next"
        />
        <PasswordInput
          label={t('accounts.password.repeat')}
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          autoComplete="new-password"
          size="sm"
          error={mismatch ? t('accounts.password.mismatch') : undefined}
          data-testid="password-repeat"
        />
        <Text size="xs" c="dimmed">
          {t('accounts.password.rules')}
        </Text>
        {error && (
          <Alert color="red" variant="light" p="xs" data-testid="password-error">
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        <Button
          type="submit"
          loading={busy}
          size="sm"
          disabled={!next || Boolean(problem) || repeat !== next || !current}
          data-testid="password-submit"
        >
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
