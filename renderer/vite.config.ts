// Vite build of the renderer alone (the web shell serves it); electron-vite reuses these settings.
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: { input: path.resolve(import.meta.dirname, 'index.html') },
  },
};

export default defineConfig(rendererConfig);
