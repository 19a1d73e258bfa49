import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor } from './app-protocol';

const root = path.resolve('/opt/opta/renderer');

describe('app://desk serves the renderer folder only', () => {
  it('maps the page and its assets', () => {
    expect(appFileFor(root, 'app://desk/')).toBe(path.join(root, 'index.html'));
    expect(appFileFor(root, 'app://desk/assets/app.js')).toBe(path.join(root, 'assets/app.js'));
  });
  it('refuses climbs, siblings, other hosts and schemes', () => {
    for (const url of [
      'app://desk/..%2Fsecret.txt',
      'app://desk/..%2Frenderer-old%2Fx.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://desk/%E0%A4%A',
    ])
      expect(appFileFor(root, url)).toBeNull();
    // Dot segments the URL parser folds stay inside the folder.
    expect(appFileFor(root, 'app://desk/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
  });
});
