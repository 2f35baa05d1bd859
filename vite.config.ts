import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CSP } from './scripts/csp.ts';
import { fixtureOverlay } from './scripts/vite-fixtures.ts';

/**
 * COOP/COEP make the page cross-origin isolated, which WASM threads need (SPEC §6).
 * `appType: 'mpa'` makes a missing file a 404 instead of index.html (a missing model or pool
 * file must fail loudly, not parse HTML).
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Installable and offline (SPEC §6). A generated service worker (workbox) precaches the app shell;
 * the pool is saved by the app itself. What is cached:
 *
 * - Precache (`workbox-precache-*`): index.html, the JS/CSS bundles (the worker and the model
 *   libraries' code included, so the fallback chain still runs offline), the icon and the manifest.
 *   Never `*.wasm` (ONNX Runtime's ~27 MB binary is fetched by transformers.js as usual, on demand)
 *   and never the pool (below). The precached responses are stored with the headers the server
 *   sent, so the cached index.html and worker script keep COOP/COEP and the CSP: an offline reload
 *   stays cross-origin isolated. Navigations are answered from that cached index.html.
 * - The pool (`manifest.json` + `pool.bin`) and its embeddings are not the service worker's: a
 *   file-by-file cache can keep a new manifest next to an old `pool.bin` after a partial update.
 *   The matcher worker saves each manifest and its data file as one unit, once both arrived and
 *   matched, in caches named `rovermitra-pair:*` (src/core/util/savedPair.ts).
 * - Not touched at all: `/models/**`, the model hosts (huggingface.co, …) and `*.wasm`; the model
 *   libraries keep their own caches (transformers.js' and web-llm's Cache Storage).
 */
const PRECACHE_MAX_BYTES = 8 * 1024 * 1024; // the largest bundle (web-llm, ~6 MB) fits; the wasm never does

/**
 * Files the dev server (`npm start`, which serves the project root) never sends: vite's own
 * defaults (vite 8's `server.fs.deny`, which a config replaces rather than extends) and
 * `.pool-data/` (and the fixtures' `pool-data/`), where the canonical profiles live with their
 * private fields (SPEC §2.3).
 */
const DEV_SERVER_DENY = [
  '.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**',
  '**/.pool-data/**', '**/.fixtures/pool-data/**',
];

export default defineConfig(({ mode, command }) => ({
  base: process.env.BASE_PATH ?? '/',
  // The test hooks (src/vite-env.d.ts): in a build made for tests and on the dev server; a
  // literal `false` in production builds, so the bundler drops them with their modules.
  define: { __TEST_HOOKS__: JSON.stringify(mode === 'test' || command === 'serve') },
  appType: 'mpa',
  plugins: [
    svelte(),
    VitePWA({
      // Registered from src/pwa.ts (an ES module, no inline script: the CSP forbids those).
      injectRegister: false,
      registerType: 'autoUpdate',
      strategies: 'generateSW',
      filename: 'sw.js',
      manifest: {
        name: 'RoverMitra Web',
        short_name: 'RoverMitra',
        description: 'Find travel companions in your browser: nothing about you leaves your device.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        theme_color: '#1f6feb', // --accent of src/app.css
        background_color: '#f5f6f8', // --bg of src/app.css
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,webmanifest}'],
        // The pool is saved by the app (see above); fixtures, models and wasm are never precached.
        globIgnores: ['**/pool/**', '**/pool-*/**', '**/models/**', '**/*.wasm', '**/*.onnx'],
        maximumFileSizeToCacheInBytes: PRECACHE_MAX_BYTES,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/pool\//, /\/models\//, /\.(?:json|bin|onnx|wasm)$/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
      devOptions: { enabled: false },
    }),
    fixtureOverlay(fileURLToPath(new URL('.fixtures/serve', import.meta.url))),
  ],
  worker: { format: 'es' },
  // The dev server pre-bundles every dependency the page and the workers import before the first
  // visit: found later (when the worker first imports a model library) they would make it reload
  // the page once (tests/e2e/devserver.spec.ts).
  optimizeDeps: {
    entries: ['index.html', 'workers/*.worker.ts'],
    include: ['comlink', '@huggingface/transformers', '@mlc-ai/web-llm', '@noble/hashes/sha2.js', '@noble/hashes/utils.js'],
  },
  // Both servers send the Content Security Policy: the app never runs without it.
  server: { headers: { ...isolation, 'Content-Security-Policy': CSP }, fs: { deny: DEV_SERVER_DENY } },
  // The preview server (what the tests run against) also sends the Content Security Policy.
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP } },
  build: { target: 'es2022' },
}));
