/**
 * The larger pools the performance suite searches (100 000 and 1 000 000 profiles, seed 77),
 * in `.fixtures/serve/pool-100k/` and `pool-1m/` (served same-origin by the preview server as
 * `/pool-100k/`, `/pool-1m/`). Generated only when missing or stale (about a minute, 1.4 GB).
 */
import path from 'node:path';
import { DEFAULT_POOL_SEED } from './pool/generate';
import { ensurePool } from './ensure-pool';
import { SERVE_DIR } from './make-fixtures';

for (const [dir, count] of [['pool-100k', 100_000], ['pool-1m', 1_000_000]] as const) {
  if (ensurePool({ count, seed: DEFAULT_POOL_SEED, outDir: path.join(SERVE_DIR, dir) })) {
    process.stderr.write(`perf-pools: generated ${count} profiles in .fixtures/serve/${dir}\n`);
  }
}
