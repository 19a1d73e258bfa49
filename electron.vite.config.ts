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
      rollupOptions: { input: { index: resolve('electron/index.ts'), 'core-host': resolve('electron/core-host.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve('renderer'),
    build: { ...rendererConfig.build, outDir: resolve('out/renderer') },
  },
});
