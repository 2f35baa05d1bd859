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
