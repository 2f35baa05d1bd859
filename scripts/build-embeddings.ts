/**
 * Embed the pool with a sentence-embedding model (the same code and model the worker uses for
 * the query) and write `<pool>/embeddings/<model>.bin` + `.json` (SPEC §4).
 *
 *   tsx scripts/build-embeddings.ts [--model ID] [--model-host URL|DIR] [--pool DIR] [--batch N] [--force]
 *
 * Defaults: the app's default model from the Hugging Face hub; fixture models (`fixtures/…`)
 * from `.fixtures/serve/models/`, with their pool embeddings in `.fixtures/serve/pool/embeddings/`. Skips the work when the files are current.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '@huggingface/transformers';
import { DEFAULT_EMBED_MODEL } from '../src/core/models/catalog';
import { loadTransformersEmbedder } from '../src/core/engines/transformersEmbedder';
import { DEFAULT_MODEL_HOST, configureTransformers } from '../src/core/engines/transformersEnv';
import { PROFILE_TEXT_VERSION, profileText } from '../src/core/profile/text';
import {
  EMBEDDINGS_SCHEMA_VERSION, type EmbeddingsManifest, embeddingsStem, encodeEmbeddings,
} from '../src/core/similarity/poolEmbeddings';
import { DEFAULT_POOL_DIR, isMainModule, readPoolProfiles } from './generate-pool';
import { MODELS_DIR, SERVE_DIR } from './make-fixtures';
import { registerFixtureModels } from '../src/testing/fixtureModels';

// A tool: the generated test models (fixtures/…) are known to it as well as the real ones.
registerFixtureModels();

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface BuildOptions {
  modelId: string;
  modelHost?: string;
  poolDir?: string;
  batch?: number;
  force?: boolean;
}

/**
 * Where the embeddings for a model go: beside the pool, except for fixture models, whose
 * embeddings are overlaid by the dev and preview servers only (never part of a build).
 */
export function embeddingsPaths(poolDir: string, modelId: string) {
  const stem = embeddingsStem(modelId);
  const dir = modelId.startsWith('fixtures/') && path.resolve(poolDir) === path.resolve(DEFAULT_POOL_DIR)
    ? path.join(SERVE_DIR, 'pool', 'embeddings')
    : path.join(poolDir, 'embeddings');
  return { dir, bin: `${stem}.bin`, json: `${stem}.json` };
}

function poolSha(poolDir: string): string {
  return JSON.parse(readFileSync(path.join(poolDir, 'manifest.json'), 'utf8')).source.sha256;
}

/** Why the embeddings for `modelId` are not current, or null when they are. */
export function embeddingsStaleReason(poolDir: string, modelId: string): string | null {
  const p = embeddingsPaths(poolDir, modelId);
  try {
    const m = JSON.parse(readFileSync(path.join(p.dir, p.json), 'utf8')) as EmbeddingsManifest;
    if (m.schema_version !== EMBEDDINGS_SCHEMA_VERSION || m.text_version !== PROFILE_TEXT_VERSION) return 'format changed';
    if (m.pool_sha256 !== poolSha(poolDir)) return 'pool changed';
    if (sha256(readFileSync(path.join(p.dir, p.bin))) !== m.file.sha256) return 'file changed';
    return null;
  } catch {
    return 'missing';
  }
}

export async function buildEmbeddings(opts: BuildOptions): Promise<{ count: number; ms: number; perSecond: number } | null> {
  const poolDir = opts.poolDir ?? DEFAULT_POOL_DIR;
  if (!opts.force && embeddingsStaleReason(poolDir, opts.modelId) === null) return null;
  configureTransformers(env as never, { modelHost: opts.modelHost ?? (opts.modelId.startsWith('fixtures/') ? `${MODELS_DIR}/` : DEFAULT_MODEL_HOST) });
  const { profiles, sha256: poolSha256 } = readPoolProfiles(poolDir);
  const texts = profiles.map(profileText);
  const embedder = await loadTransformersEmbedder({ modelId: opts.modelId, device: 'cpu' });
  const batch = opts.batch ?? 32;
  const vectors: Float32Array[] = [];
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i += batch) vectors.push(...(await embedder.embed(texts.slice(i, i + batch))));
  const ms = performance.now() - t0;
  await embedder.dispose();
  const bytes = encodeEmbeddings(vectors, embedder.dims);
  const p = embeddingsPaths(poolDir, opts.modelId);
  mkdirSync(p.dir, { recursive: true });
  writeFileSync(path.join(p.dir, p.bin), bytes);
  const out: EmbeddingsManifest = {
    schema_version: EMBEDDINGS_SCHEMA_VERSION,
    model_id: opts.modelId,
    weights: embedder.weights,
    pooling: embedder.pooling,
    dims: embedder.dims,
    dtype: 'int8',
    count: vectors.length,
    pool_sha256: poolSha256,
    text_version: PROFILE_TEXT_VERSION,
    texts_sha256: sha256(texts.join('\n')),
    file: { path: p.bin, bytes: bytes.byteLength, sha256: sha256(bytes) },
  };
  writeFileSync(path.join(p.dir, p.json), `${JSON.stringify(out, null, 2)}\n`);
  return { count: vectors.length, ms, perSecond: vectors.length / (ms / 1000) };
}

if (isMainModule(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_EMBED_MODEL },
      'model-host': { type: 'string' },
      pool: { type: 'string' },
      batch: { type: 'string', default: '32' },
      force: { type: 'boolean', default: false },
    },
  });
  buildEmbeddings({ modelId: values.model, modelHost: values['model-host'], poolDir: values.pool, batch: Number(values.batch), force: values.force })
    .then((r) => {
      if (r) process.stderr.write(`embeddings: ${r.count} profiles with ${values.model} in ${(r.ms / 1000).toFixed(1)} s (${r.perSecond.toFixed(0)}/s)\n`);
    })
    .catch((e: unknown) => {
      process.stderr.write(`build-embeddings: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
