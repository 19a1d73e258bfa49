// The desk's own scheme, app://desk/…, instead of file://: the window gets a real origin for the
// CSP and the IPC sender check, and only files inside the renderer folder can be loaded (file://
// would reach anything on the disk the page names). The path check is here, pure; index.ts
// registers the scheme and serves what this allows.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://desk';

/** The file for a request to app://desk/…, or null when it is not inside the renderer folder. */
export function appFileFor(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'desk') return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel}`);
  return file.startsWith(root + path.sep) ? file : null;
}
