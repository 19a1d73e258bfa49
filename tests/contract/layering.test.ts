// The layering rules of DESIGN.md are enforced by lint: these imports must fail it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it.each([
    ['renderer/src/Bad.tsx', `import Database from 'better-sqlite3';\nexport const x = Database;`],
    ['renderer/src/Bad.tsx', `import { openReplica } from '../../main/sync/replica';\nexport const x = openReplica;`],
    ['renderer/src/Bad.tsx', `import fs from 'node:fs';\nexport const x = fs;`],
    // Money is the domain's: the screen shows decimals, it does not compute them.
    ['renderer/src/Bad.tsx', `import Decimal from 'decimal.js';\nexport const x = Decimal;`],
    ['main/bad.ts', `import { app } from 'electron';\nexport const x = app;`],
    ['server/bad.ts', `import { app } from 'electron';\nexport const x = app;`],
    ['domain/bad.ts', `import fs from 'node:fs';\nexport const x = fs;`],
    ['domain/bad.ts', `import { openStore } from '../server/store';\nexport const x = openStore;`],
    ['server/bad.ts', `import { createDeskCore } from '../main/desk-core';\nexport const x = createDeskCore;`],
    ['preload/bad.ts', `import { z } from 'zod';\nexport const x = z;`],
  ])('%s: forbidden import is an error', async (file, code) => {
    expect((await errors(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    [
      'renderer/src/Ok.tsx',
      `import { articleKeys } from '../../domain/catalog/article';\nexport const x = articleKeys;`,
    ],
    ['electron/ok.ts', `import { app } from 'electron';\nexport const x = app;`],
    ['main/ok.ts', `import Database from 'better-sqlite3';\nexport const x = Database;`],
  ])('%s: allowed import passes', async (file, code) => {
    expect(await errors(file, code)).toEqual([]);
  });
});

describe('import cycles', () => {
  async function cycles(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'house/no-import-cycle').map((m) => m.message);
  }

  it('an import back into a module that imports this one fails lint, a type-only one too', async () => {
    // mutations.ts imports mutation-def.ts: mutation-def.ts may not import it back, not even its types.
    expect(
      await cycles(
        'domain/sync/mutation-def.ts',
        `import { mutations } from './mutations';\nexport const x = mutations;`,
      ),
    ).toEqual([expect.stringContaining('domain/sync/mutation-def.ts -> domain/sync/mutations.ts')]);
    expect(
      await cycles(
        'domain/sync/mutation-def.ts',
        `import type { LineInput } from '../orders/order-mutations';\nexport type X = LineInput;`,
      ),
    ).toEqual([expect.stringContaining('domain/orders/order-mutations.ts')]);
  });
});
