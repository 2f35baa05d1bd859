/**
 * How this project launches Chromium, for the Playwright tests and the benchmarks alike:
 * Debian's `/usr/bin/chromium` when present (`CHROMIUM_PATH` overrides it), otherwise
 * Playwright's own; flags that keep a headless browser off the network, plus a WebGPU adapter
 * (SwiftShader on machines without a GPU) so the WebGPU path runs everywhere.
 */
import { existsSync } from 'node:fs';

export const chromiumPath: string | undefined = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu',
];

/**
 * The Playwright settings the browser suites share: Chromium as above, the app built into
 * `outDir` and served by `vite preview` (with the preview server's headers: COOP/COEP, CSP) on
 * `port`, after the generated assets are prepared.
 */
export function suiteUse(port: number) {
  return {
    baseURL: `http://localhost:${port}/`,
    launchOptions: { executablePath: chromiumPath, args: [...CHROMIUM_ARGS] },
    storageState: consentedState(`http://localhost:${port}`),
  };
}

/**
 * The browser suites' profile: the person has answered the download question with "don't ask
 * again" (src/ui/consent.ts) on `origin`, so that the suites' and benchmarks' searches load
 * their models as before. The consent tests start from an empty profile instead.
 */
export function consentedState(origin: string) {
  return {
    cookies: [],
    origins: [{ origin, localStorage: [{ name: 'rovermitra.consent.v1', value: JSON.stringify({ all: true, models: {} }) }] }],
  };
}

/**
 * The browser suites run against a build made for tests (`--mode test`: the worker's test hooks
 * and the fault injection of src/protocol.ts are in it) in `outDir`. `productionDir` also builds
 * the production bundle there first, for the tests that check what a site serves.
 */
export function previewServer(port: number, outDir: string, timeoutMs = 300_000, productionDir?: string) {
  const production = productionDir ? `npx vite build --logLevel error --outDir ${productionDir} --emptyOutDir && ` : '';
  return {
    command: `npx tsx scripts/prepare.ts && ${production}npx vite build --mode test --logLevel error --outDir ${outDir} --emptyOutDir && npx vite preview --port ${port} --strictPort --outDir ${outDir}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: timeoutMs,
  };
}
