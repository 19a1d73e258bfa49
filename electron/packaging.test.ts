// The packaging configuration as electron-builder reads it: valid against its schema, fuses that
// lock the binary down, signing identities taken from the environment (never written here), an
// https update feed, and an allowlist of files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';

const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    const log = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, log)).resolves.toBeUndefined();
    // The check is real: a fuse misspelled is refused.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, log)).rejects.toThrow();
  });

  it('flips the fuses that close the binary to Node, NODE_OPTIONS, inspectors and loose files', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('signs with identities from the environment and lists its files', () => {
    expect(config.win.signtoolOptions.publisherName).toBe('${env.OPTA_WIN_PUBLISHER}');
    expect(config.mac.identity).toBe('${env.OPTA_MAC_IDENTITY}');
    expect(config.mac.notarize).toBe(true);
    expect(JSON.stringify(config)).not.toMatch(/password|BEGIN .*PRIVATE KEY/i);
    expect(config.files).not.toContain('**/*');
  });
});
