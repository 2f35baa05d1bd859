import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
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

export default defineConfig({
  base: process.env.BASE_PATH ?? '/',
  appType: 'mpa',
  plugins: [svelte(), fixtureOverlay(fileURLToPath(new URL('.fixtures/serve', import.meta.url)))],
  worker: { format: 'es' },
  server: { headers: isolation },
  // The preview server (what the tests run against) also sends the Content Security Policy.
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP } },
  build: { target: 'es2022' },
});
