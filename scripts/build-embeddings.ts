/**
 * Embed the pool with a sentence-embedding model (the same code and model the worker uses for
 * the query) and write `<pool>/embeddings/<model>.bin` + `.json` (SPEC §4).
 *
 *   tsx scripts/build-embeddings.ts [--model ID] [--model-host URL|DIR] [--pool DIR] [--batch N] [--force] [--if-reachable]
 *
 * Defaults: the app's default model from the Hugging Face hub (or `EMBED_MODEL_HOST`: a mirror
 * URL or a local folder); fixture models (`fixtures/…`) from `.fixtures/serve/models/`, with their
 * pool embeddings in `.fixtures/serve/pool/embeddings/`. Skips the work when the files are current.
 *
 * `--if-reachable` (what `npm run build` runs): when the model cannot be reached — no such local
 * folder, or the hub does not answer within a few seconds — print one line and exit 0, so that an
 * offline build still succeeds; the browser then indexes the pool itself (SPEC §4).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '@huggingface/transformers';
import { DEFAULT_EMBED_MODEL } from '../src/core/models/catalog';
import { loadTransformersEmbedder } from '../src/core/engines/transformersEmbedder';
import { DEFAULT_MODEL_HOST, configureTransformers, isRemoteHost } from '../src/core/engines/transformersEnv';
import { PROFILE_TEXT_VERSION, profileText } from '../src/core/profile/text';
import {
  EMBEDDINGS_SCHEMA_VERSION, type EmbeddingsManifest, embeddingsManifest, embeddingsStem, encodeEmbeddings,
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
function defaultHost(opts: { modelId: string; modelHost?: string }): string {
  return opts.modelHost ?? (opts.modelId.startsWith('fixtures/') ? `${MODELS_DIR}/` : process.env.EMBED_MODEL_HOST || DEFAULT_MODEL_HOST);
}

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

/** How long a build waits for the hub to answer before it gives up on building embeddings ahead. */
export const REACHABLE_TIMEOUT_MS = 5000;

/**
 * Whether the model's files can be had from `host`: its `config.json` in a local folder, or an
 * answer for it from the hub (or mirror) within `timeoutMs`. Null when reachable, else why not.
 */
export async function modelUnreachableReason(modelId: string, host: string, timeoutMs = REACHABLE_TIMEOUT_MS): Promise<string | null> {
  if (!isRemoteHost(host)) {
    return existsSync(path.join(host, modelId, 'config.json')) ? null : `no ${modelId}/config.json in ${host}`;
  }
  const url = `${host.endsWith('/') ? host : `${host}/`}${modelId}/resolve/main/config.json`;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    return res.ok ? null : `${new URL(url).host} answered ${res.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return `${new URL(url).host} not reachable${cause ? ` (${cause})` : e instanceof Error && e.name === 'TimeoutError' ? ` (no answer in ${timeoutMs / 1000} s)` : ''}`;
  }
}

export async function buildEmbeddings(opts: BuildOptions): Promise<{ count: number; ms: number; perSecond: number } | null> {
  const poolDir = opts.poolDir ?? DEFAULT_POOL_DIR;
  if (!opts.force && embeddingsStaleReason(poolDir, opts.modelId) === null) return null;
  configureTransformers(env as never, { modelHost: defaultHost(opts) });
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
  const out = await embeddingsManifest(bytes, {
    modelId: opts.modelId, weights: embedder.weights, pooling: embedder.pooling, dims: embedder.dims,
    poolSha256, textVersion: PROFILE_TEXT_VERSION, texts,
  });
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
      'if-reachable': { type: 'boolean', default: false },
    },
  });
  const opts: BuildOptions = { modelId: values.model, modelHost: values['model-host'], poolDir: values.pool, batch: Number(values.batch), force: values.force };
  (async () => {
    if (values['if-reachable'] && (values.force || embeddingsStaleReason(opts.poolDir ?? DEFAULT_POOL_DIR, opts.modelId) !== null)) {
      const why = await modelUnreachableReason(opts.modelId, defaultHost(opts));
      if (why) {
        process.stderr.write(`embeddings: skipped — ${values.model} is not reachable (${why}); the browser will index the pool itself\n`);
        return null;
      }
    }
    return buildEmbeddings(opts);
  })()
    .then((r) => {
      if (r) process.stderr.write(`embeddings: ${r.count} profiles with ${values.model} in ${(r.ms / 1000).toFixed(1)} s (${r.perSecond.toFixed(0)}/s)\n`);
    })
    .catch((e: unknown) => {
      process.stderr.write(`build-embeddings: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
