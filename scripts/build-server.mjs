// Bundles the central server (and its CLI) to out/server/index.mjs with esbuild; dependencies stay
// in node_modules, migrations are read from db/central/migrations next to the bundle's root.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/index.ts'],
  outfile: 'out/server/index.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'info',
});
