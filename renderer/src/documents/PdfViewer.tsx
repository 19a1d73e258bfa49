// A PDF shown on the desk itself: its pages drawn by PDF.js (no browser plugin, so it looks the
// same in Electron and in the web shell, and nothing in the file runs), printed with the print
// stylesheet (only the pages go to paper), saved to disk. Esc closes, Ctrl+P prints, Ctrl+S saves.
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../shared/files';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages are drawn at twice the screen's scale: sharp on screen and on paper. */
const RENDER_SCALE = 2;

export function PdfViewer({ name, base64, onClose }: { name: string; base64: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pagesRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number; drawn: number; error: string | null }>({
    pages: 0,
    drawn: 0,
    error: null,
  });

  useEffect(() => {
    let cancelled = false;
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const task = getDocument({ data, enableXfa: false });
    void (async () => {
      try {
        const pdf = await task.promise;
        if (cancelled) return;
        setState({ pages: pdf.numPages, drawn: 0, error: null });
        for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
          const page = await pdf.getPage(n);
          const viewport = page.getViewport({ scale: RENDER_SCALE });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.className = 'pdf-page';
          canvas.dataset.testid = `pdf-page-${n}`;
          await page.render({ canvas, viewport }).promise;
          if (cancelled) return;
          pagesRef.current?.appendChild(canvas);
          setState((s) => ({ ...s, drawn: n }));
        }
      } catch (e) {
        if (!cancelled) setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }));
      }
    })();
    const pages = pagesRef.current;
    return () => {
      cancelled = true;
      void task.destroy();
      pages?.replaceChildren();
    };
  }, [base64]);

  useEffect(() => {
    // Taken before anything under the viewer (a dialog it was opened from would close on Esc too).
    const keys = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      } else if ((e.ctrlKey || e.metaKey) && e.code === 'KeyP') {
        e.preventDefault();
        window.print();
      } else if ((e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
        e.preventDefault();
        downloadFile(name, base64, 'application/pdf');
      }
    };
    window.addEventListener('keydown', keys, true);
    return () => window.removeEventListener('keydown', keys, true);
  }, [name, base64, onClose]);

  const done = state.pages > 0 && state.drawn === state.pages;
  return (
    <div className="desk-print pdf-viewer" data-testid="pdf-viewer" role="dialog" aria-label={name}>
      <Group className="desk-print-tools" justify="space-between" p="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate data-testid="pdf-title">
          {name.replace(/\.pdf$/, '')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="pdf-pages">
            {state.pages ? t('documents.viewer.pages', { count: state.pages }) : ''}
          </Text>
          <Button size="xs" onClick={() => window.print()} disabled={!done} data-testid="pdf-print" data-autofocus>
            {t('documents.viewer.print')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => downloadFile(name, base64, 'application/pdf')}
            data-testid="pdf-save"
          >
            {t('documents.viewer.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onClose} data-testid="pdf-close">
            {t('documents.viewer.close')}
          </Button>
        </Group>
      </Group>
      {state.error && (
        <Alert color="red" m="md" data-testid="pdf-error">
          {t('documents.viewer.broken', { reason: state.error })}
        </Alert>
      )}
      {!done && !state.error && <Loader size="sm" m="md" />}
      <div className="pdf-pages" ref={pagesRef} />
    </div>
  );
}
