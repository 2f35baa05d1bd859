/**
 * Run before start, build and test: make sure the generated artefacts exist and are current —
 * the pool (public/pool), the tiny fixture encoder and its pool embeddings (.fixtures/serve).
 * Each step does nothing when its files are current.
 */
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED } from './pool/generate';
import { buildEmbeddings } from './build-embeddings';
import { ensurePool } from './ensure-pool';
import { DEFAULT_POOL_DIR, isMainModule } from './generate-pool';
import { TINY_ENCODER, ensureFixtures } from './make-fixtures';

export async function prepareAssets(say: (s: string) => void = () => undefined): Promise<void> {
  const count = Number(process.env.POOL_COUNT ?? DEFAULT_POOL_COUNT);
  const seed = Number(process.env.POOL_SEED ?? DEFAULT_POOL_SEED);
  if (ensurePool({ count, seed, outDir: DEFAULT_POOL_DIR })) say(`generated the pool (${count} profiles, seed ${seed})`);
  const made = ensureFixtures();
  if (made.length) say(`generated fixture models: ${made.join(', ')}`);
  const built = await buildEmbeddings({ modelId: TINY_ENCODER });
  if (built) say(`embedded the pool with ${TINY_ENCODER} (${built.count} profiles, ${built.perSecond.toFixed(0)}/s)`);
}

if (isMainModule(import.meta.url)) {
  const say = (s: string) => process.stderr.write(`prepare: ${s}\n`);
  prepareAssets(say).catch((e: unknown) => {
    say(`failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
