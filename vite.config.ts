import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { type Plugin, defineConfig } from 'vite';
import { precacheManifest } from './scripts/precache.ts';

/**
 * Node-only engine files (worker_threads pool, file loader, CLI). The page never needs them; if an import chain ever
 * pulls one in, fail the build with the chain's last link rather than ship a bundle that breaks at run time.
 */
const NODE_ONLY = [
  /\/src\/engine\/workers\/nodePool\.ts$/,
  /\/src\/engine\/workers\/worker\.node(\.boot)?\.(ts|mjs)$/,
  /\/src\/engine\/scenario\/loadFile\.node\.ts$/,
  /\/src\/engine\/conformance\/fixtureFiles\.node\.ts$/,
  /\/src\/engine\/evm\/secp256k1\.node\.ts$/,
  /\/src\/workloads\/contracts\/sources\.ts$/,
  /\/src\/workloads\/compiler\/node\.ts$/,
  /\/src\/cli\//,
];

function browserOnly(): Plugin {
  return {
    name: 'parallax:browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined || importer.includes('/node_modules/')) return null;
      if (source.startsWith('node:')) {
        this.error(`${importer} imports "${source}": Node built-ins cannot run in the page`);
      }
      return null;
    },
    load(id) {
      const path = id.split('?')[0];
      if (NODE_ONLY.some((re) => re.test(path))) {
        this.error(`${path} is Node-only and must not be part of the browser bundle`);
      }
      return null;
    },
  };
}

/** The secp256k1 WASM binary (sender recovery, `src/engine/evm/secp256k1.browser.ts`): its package's exports name only
 * JS entries, so the file is found next to the main one and imported as `parallax:secp256k1.wasm?url` (an asset). */
const SECP256K1_WASM = join(dirname(createRequire(import.meta.url).resolve('@solar-republic/wasm-secp256k1')), 'secp256k1.wasm');

/**
 * The pages of a build: the playground and a self-check page that runs the generator and the compiler in the browser.
 * The development pages (stage.html, editor.html: a stage or an editor on its own, driven from the page) are served by
 * `vite` and built only with `--mode development`; scripts/bench-playback.ts builds stage.html for itself.
 */
function pages(mode: string): Record<string, string> {
  const shipped = { main: 'index.html', selfcheck: 'selfcheck.html' };
  return mode === 'development' ? { ...shipped, stage: 'stage.html', editor: 'editor.html' } : shipped;
}

export default defineConfig(({ mode }) => ({
  // Relative asset URLs: the built site works from any sub-path of a static server.
  base: './',
  resolve: { alias: [{ find: /^parallax:secp256k1\.wasm/, replacement: SECP256K1_WASM }] },
  // precacheManifest: the file list public/sw.js caches for offline use.
  plugins: [browserOnly(), svelte({ configFile: false }), precacheManifest()],
  worker: { format: 'es', plugins: () => [browserOnly()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: pages(mode) },
  },
  preview: { port: 4173, strictPort: true },
}));
