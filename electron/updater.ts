// Optional auto-update from the central server's update feed (electron-updater, generic
// provider), over https only: a feed in clear could be swapped on the way (the packages are
// signed too, electron-builder.yml). Off in development and tests; failures are logged, never
// thrown into the app.
export interface UpdaterLike {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export function startUpdater(
  updater: UpdaterLike | null,
  feedUrl: string | undefined,
  log: (msg: string) => void,
): boolean {
  if (!updater || !feedUrl) return false;
  if (!feedUrl.startsWith('https://')) {
    log(`updates off: the feed ${feedUrl} is not https`);
    return false;
  }
  try {
    updater.setFeedURL({ provider: 'generic', url: feedUrl });
    updater.on('error', (err) => log(`update failed: ${err.message}`));
    updater.checkForUpdatesAndNotify().catch((err: Error) => log(`update check failed: ${err.message}`));
    return true;
  } catch (err) {
    log(`updater not started: ${(err as Error).message}`);
    return false;
  }
}
