// Sign-in: login and password against the central server; errors are translated from codes.
// A one-time password (an invitation, a reset) leads to choosing one's own before the desk opens.
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordForm } from '../accounts/PasswordForm';
import { desk } from '../shared/desk';

export function LoginScreen({
  serverUrl,
  ended,
  onSignedIn,
}: {
  serverUrl: string;
  /** Why the last session ended, when the server ended it (deactivated, role changed, expired). */
  ended?: string;
  onSignedIn: () => void;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [choosing, setChoosing] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!login.trim()) return setError(t('login.loginRequired'));
    if (!password) return setError(t('login.passwordRequired'));
    setBusy(true);
    setError(null);
    const r = await desk['session.login']({ login, password });
    setBusy(false);
    if (!r.ok && r.error.code === 'password_change_required') return setChoosing(true);
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    onSignedIn();
  };

  if (choosing)
    return (
      <Center h="100vh" bg="gray.0">
        <Paper withBorder shadow="xs" p="xl" w={380}>
          <Stack gap="md">
            <div>
              <Title order={3} c="indigo.8">
                {t('accounts.password.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('accounts.password.intro')}
              </Text>
            </div>
            <PasswordForm
              login={login.trim()}
              current={password}
              onDone={onSignedIn}
              submitLabel={t('accounts.password.submit')}
            />
          </Stack>
        </Paper>
      </Center>
    );

  return (
    <Center h="100vh" bg="gray.0">
      <Paper withBorder shadow="xs" p="xl" w={340} component="form" onSubmit={(e) => void submit(e)}>
        <Stack gap="md">
          <div>
            <Title order={3} c="indigo.8">
              {t('app.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
          </div>
          <TextInput
            label={t('login.login')}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            autoFocus
            autoComplete="username"
            name="login"
            size="sm"
          />
          <PasswordInput
            label={t('login.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            name="password"
            size="sm"
          />
          {error && (
            <Alert color="red" variant="light" p="xs" data-testid="login-error">
              <Text size="sm">{error}</Text>
            </Alert>
          )}
          {!error && (ended === 'token_invalid' || ended === 'token_expired') && (
            <Alert color="orange" variant="light" p="xs" data-testid="session-ended">
              <Text size="sm">{t(`errors.${ended}`)}</Text>
            </Alert>
          )}
          <Button type="submit" loading={busy} size="sm">
            {t('login.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('login.server', { url: serverUrl })}
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
