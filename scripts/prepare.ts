/**
 * Run before start, build and test: make sure the generated artefacts exist and are current —
 * the pool (public/pool), the tiny fixture encoder and its pool embeddings (.fixtures/serve), and
 * a copy of the pool's served files without any embeddings (`.fixtures/serve/pool-noindex/`: a
 * browser indexes it itself). Each step does nothing when its files are current.
 */
import { DEFAULT_POOL_COUNT, DEFAULT_POOL_SEED } from './pool/generate';
import { buildEmbeddings } from './build-embeddings';
import { ensurePool } from './ensure-pool';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POOL_DIR, isMainModule } from './generate-pool';
import { SERVE_DIR, TINY_ENCODER, ensureFixtures } from './make-fixtures';
import { MANIFEST_FILE } from '../src/core/pool/files';

/** The served pool without embeddings, for the indexing tests: its manifest, pool.bin and texts.bin. */
export const NOINDEX_POOL_DIR = path.join(SERVE_DIR, 'pool-noindex');

function copyServedPool(from: string, to: string): boolean {
  const read = (f: string) => { try { return readFileSync(f, 'utf8'); } catch { return null; } };
  const manifest = read(path.join(from, MANIFEST_FILE));
  if (manifest === null || read(path.join(to, MANIFEST_FILE)) === manifest) return false;
  mkdirSync(to, { recursive: true });
  const files = (JSON.parse(manifest) as { files: Record<string, { path: string }> }).files;
  for (const f of Object.values(files)) copyFileSync(path.join(from, f.path), path.join(to, f.path));
  copyFileSync(path.join(from, MANIFEST_FILE), path.join(to, MANIFEST_FILE)); // last: a reader never sees a half copy
  return true;
}

export async function prepareAssets(say: (s: string) => void = () => undefined): Promise<void> {
  const count = Number(process.env.POOL_COUNT ?? DEFAULT_POOL_COUNT);
  const seed = Number(process.env.POOL_SEED ?? DEFAULT_POOL_SEED);
  if (ensurePool({ count, seed, outDir: DEFAULT_POOL_DIR })) say(`generated the pool (${count} profiles, seed ${seed})`);
  const made = ensureFixtures();
  if (made.length) say(`generated fixture models: ${made.join(', ')}`);
  const built = await buildEmbeddings({ modelId: TINY_ENCODER });
  if (built) say(`embedded the pool with ${TINY_ENCODER} (${built.count} profiles, ${built.perSecond.toFixed(0)}/s)`);
  if (copyServedPool(DEFAULT_POOL_DIR, NOINDEX_POOL_DIR)) say('copied the pool without embeddings to .fixtures/serve/pool-noindex');
}

if (isMainModule(import.meta.url)) {
  const say = (s: string) => process.stderr.write(`prepare: ${s}\n`);
  prepareAssets(say).catch((e: unknown) => {
    say(`failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
