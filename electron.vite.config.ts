import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin, UserConfig } from 'vite';
import { APP_CSP, devServerCsp, metaCsp } from './electron/main/security/csp.js';

const projectRoot = dirname(fileURLToPath(import.meta.url));
const at = (...parts: string[]): string => resolve(projectRoot, ...parts);

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/**
 * One source for the Content-Security-Policy (electron/main/security/csp.ts): the <meta> tag of
 * the built index.html is rewritten to it, so the header and the tag cannot drift apart. The dev
 * server gets the relaxed policy its React Refresh preamble and HMR socket need.
 */
export function cspMetaPlugin(): Plugin {
  let serve = false;
  return {
    name: 'bokji-csp-meta',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = metaCsp(serve ? devServerCsp() : APP_CSP);
      const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
      return CSP_META.test(html) ? html.replace(CSP_META, tag) : html.replace(/<head>/i, `<head>\n    ${tag}`);
    },
  };
}

/**
 * The renderer's Vite config; the browser harness (test/harness) builds with exactly this.
 * electron-vite leaves the renderer unminified by default; minified, the code index.html loads
 * first is a third of the size (the heavy screens are chunks of their own: React.lazy in
 * renderer/app/lazy-screen.tsx).
 */
export const rendererConfig: UserConfig = {
  root: at('renderer'),
  plugins: [react(), cspMetaPlugin()],
  build: { outDir: at('out/renderer'), emptyOutDir: true, minify: 'esbuild', rollupOptions: { input: { index: at('renderer/index.html') } } },
};

export default defineConfig({
  main: {
    // Packages (sqlite3 is native) stay in node_modules; our own TS is bundled.
    build: { externalizeDeps: true, outDir: at('out/main'), rollupOptions: { input: { index: at('electron/main/index.ts') } } },
  },
  preload: {
    // The sandboxed preload cannot require packages: bundle everything it uses.
    build: {
      externalizeDeps: false,
      outDir: at('out/preload'),
      rollupOptions: { input: { index: at('electron/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig,
});
