// electron-vite build of the desktop app. Our folders are top-level (not src/main etc.), so
// every entry and the renderer root are set explicitly.
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/electron',
      rolldownOptions: {
        input: { index: resolve('electron/index.ts'), 'core-host': resolve('electron/core-host.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve('renderer'),
    // Set here, not taken from renderer/vite.config.ts: that file's import.meta.dirname is the
    // project root once electron-vite bundles this config, so its paths point one level too high.
    build: {
      ...rendererConfig.build,
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
});
