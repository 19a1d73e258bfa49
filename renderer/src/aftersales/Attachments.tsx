// Files on claims and messages: a drop zone that also takes a file dialog and an image pasted from
// the clipboard (Ctrl+V), and a list of attached files with thumbnails of images. Files go to the
// desk core first (checked by content there, kept locally, uploaded when online); opening one
// fetches it lazily from the server the first time.
import { ActionIcon, Badge, Group, Image, Loader, Modal, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isImage,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  type AttachmentRef,
} from '../../../domain/aftersales/attachment';
import { desk, unwrap } from '../shared/desk';
import { errorText } from './errors';
import { formatSize } from './format-size';

/** The file's bytes as base64, read by the browser (no string building per byte). */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Saves a file from the desk to the user's computer (the browser's download, Electron's too). */
export function saveFile(name: string, mime: string, base64: string): void {
  // Decoded here, not by fetch(data:): the CSP allows no data: connections.
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const blob = new Blob([bytes], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Picks files for a claim or a message; each is added to the desk as soon as it is chosen. */
export function AttachmentPicker({
  value,
  onChange,
  testId = 'attachments-drop',
}: {
  value: AttachmentRef[];
  onChange: (files: AttachmentRef[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const current = useRef(value);
  current.current = value;

  const add = async (files: File[]) => {
    const problems: string[] = [];
    setBusy((b) => b + files.length);
    for (const file of files) {
      try {
        if (current.current.length >= MAX_ATTACHMENTS) throw { code: 'bad_file', message: 'too_many' };
        if (file.size > MAX_ATTACHMENT_BYTES) throw { code: 'bad_file', message: 'too_large' };
        // A pasted screenshot has no useful name: give it one the user will recognise.
        const name =
          file.name && file.name !== 'image.png'
            ? file.name
            : `${t('files.pastedName')} ${new Date().toLocaleString()}.${file.type.split('/')[1] ?? 'png'}`;
        const ref = await unwrap(desk['files.add']({ name, base64: await base64Of(file) }));
        if (!current.current.some((f) => f.sha256 === ref.sha256))
          onChange((current.current = [...current.current, ref]));
      } catch (e) {
        problems.push(`${file.name || t('files.pastedName')}: ${errorText(t, e)}`);
      } finally {
        setBusy((b) => b - 1);
      }
    }
    setErrors(problems);
  };

  return (
    <Stack
      gap={4}
      onPaste={(e) => {
        const files = Array.from(e.clipboardData.files);
        if (files.length) {
          e.preventDefault();
          void add(files);
        }
      }}
    >
      <Dropzone
        onDrop={(files) => void add(files)}
        onReject={(rejected) => setErrors(rejected.map((r) => `${r.file.name}: ${t('files.errors.too_large')}`))}
        maxSize={MAX_ATTACHMENT_BYTES}
        multiple
        p={6}
        data-testid={testId}
        activateOnKeyboard
      >
        <Group gap="xs" justify="center" mih={34} style={{ pointerEvents: 'none' }}>
          {busy > 0 ? <Loader size="xs" /> : null}
          <Text size="xs" c="dimmed">
            {busy > 0 ? t('files.adding', { count: busy }) : t('files.drop')}
          </Text>
        </Group>
      </Dropzone>
      {errors.map((e) => (
        <Text key={e} size="xs" c="red.7" role="alert">
          {e}
        </Text>
      ))}
      {value.length > 0 && (
        <AttachmentList files={value} onRemove={(sha) => onChange(value.filter((f) => f.sha256 !== sha))} />
      )}
    </Stack>
  );
}

function Thumbnail({ file }: { file: AttachmentRef }) {
  const thumb = useQuery({
    queryKey: ['files', 'thumb', file.sha256],
    queryFn: () => unwrap(desk['files.thumbnail']({ sha256: file.sha256 })),
    enabled: isImage(file.mime),
    retry: false,
  });
  if (!isImage(file.mime))
    return (
      <Badge variant="light" color="gray" size="lg" radius="sm" w={64} h={48}>
        {(file.name.split('.').pop() ?? '').toUpperCase().slice(0, 4)}
      </Badge>
    );
  if (thumb.data) return <Image src={thumb.data} w={64} h={48} fit="cover" radius="sm" alt={file.name} />;
  return (
    <Badge variant="light" color="gray" size="lg" radius="sm" w={64} h={48}>
      {thumb.isLoading ? '…' : 'IMG'}
    </Badge>
  );
}

/** Attached files: thumbnails for images; a click opens an image large, other files are saved. */
export function AttachmentList({
  files,
  onRemove,
}: {
  files: readonly AttachmentRef[];
  onRemove?: (sha256: string) => void;
}) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<{ name: string; src: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async (f: AttachmentRef) => {
    try {
      const file = await unwrap(desk['files.get']({ sha256: f.sha256 }));
      setError(null);
      if (isImage(file.mime)) setViewing({ name: file.name, src: `data:${file.mime};base64,${file.base64}` });
      else saveFile(file.name, file.mime, file.base64);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <>
      <Group gap={6} data-testid="attachment-list">
        {files.map((f) => (
          <Group key={f.sha256} gap={4} wrap="nowrap" align="center" data-testid="attachment">
            <Tooltip label={`${f.name} · ${formatSize(f.size)}`} openDelay={300}>
              <UnstyledButton onClick={() => void open(f)} aria-label={f.name}>
                <Thumbnail file={f} />
              </UnstyledButton>
            </Tooltip>
            <Stack gap={0} maw={140}>
              <Text size="xs" truncate>
                {f.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatSize(f.size)}
              </Text>
            </Stack>
            {onRemove && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={t('files.remove')}
                onClick={() => onRemove(f.sha256)}
              >
                ✕
              </ActionIcon>
            )}
          </Group>
        ))}
      </Group>
      {error && (
        <Text size="xs" c="red.7" role="alert">
          {error}
        </Text>
      )}
      <Modal opened={!!viewing} onClose={() => setViewing(null)} title={viewing?.name} size="xl">
        {viewing && <Image src={viewing.src} alt={viewing.name} fit="contain" mah="75vh" />}
      </Modal>
    </>
  );
}
