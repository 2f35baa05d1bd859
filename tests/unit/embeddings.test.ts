import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddingsPaths } from '../../scripts/build-embeddings';
import { DEFAULT_POOL_DIR, readPoolProfiles } from '../../scripts/generate-pool';
import { MODELS_DIR, TINY_ENCODER } from '../../scripts/make-fixtures';
import type { Embedder } from '../../src/core/engines/embedder';
import { loadTransformersEmbedder } from '../../src/core/engines/transformersEmbedder';
import { configureTransformers } from '../../src/core/engines/transformersEnv';
import { packProfiles } from '../../src/core/pool/packed';
import { PROFILE_TEXT_VERSION, profileText } from '../../src/core/profile/text';
import { EMBEDDINGS_SCHEMA_VERSION, type PoolEmbeddings, decodeEmbeddings, encodeEmbeddings, scanSimilarity } from '../../src/core/similarity/poolEmbeddings';
import { SemanticStage } from '../../src/core/similarity/semantic';
import { Matcher } from '../../src/core/matcher';
import { fail, notice, ok } from '../../src/core/outcome';
import { profile } from './profiles';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('tiny fixture encoder, through the embedder the worker uses', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    configureTransformers(env as never, { modelHost: `${MODELS_DIR}/` });
    embedder = await loadTransformersEmbedder({ modelId: TINY_ENCODER, device: 'cpu' });
  });

  it('gives normalised, mean-pooled vectors of the fixture’s width', async () => {
    const [v] = await embedder.embed(['Pace: relaxed. Interests: museums, yoga.']);
    expect(embedder.dims).toBe(64);
    expect(v).toHaveLength(64);
    expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('makes texts that share interests more similar than texts that do not', async () => {
    const q = profile({ interests: ['museums', 'old towns', 'castles', 'history'] });
    const same = profile({ interests: ['museums', 'old towns', 'castles', 'chess'], travel_prefs: { pace: 'packed' } });
    const other = profile({ interests: ['surfing', 'diving', 'nightlife', 'festivals'] });
    const [vq, vs, vo] = await embedder.embed([q, same, other].map(profileText));
    expect(dot(vq, vs)).toBeGreaterThan(dot(vq, vo) + 0.2);
  });

  it('the pool embeddings built by the script are this model’s vectors (int8 within tolerance)', async () => {
    const manifest = JSON.parse(readFileSync(path.join(DEFAULT_POOL_DIR, 'manifest.json'), 'utf8'));
    const p = embeddingsPaths(DEFAULT_POOL_DIR, TINY_ENCODER);
    const decoded = await decodeEmbeddings(JSON.parse(readFileSync(path.join(p.dir, p.json), 'utf8')), readFileSync(path.join(p.dir, p.bin)), {
      modelId: TINY_ENCODER, weights: 'fp32', pooling: 'mean', poolSha256: manifest.source.sha256, count: manifest.count, textVersion: PROFILE_TEXT_VERSION,
    });
    if (!decoded.ok) throw new Error(decoded.error.message);
    const emb = decoded.value;
    const profiles = readPoolProfiles(DEFAULT_POOL_DIR).profiles.slice(0, 20);
    const vectors = await embedder.embed(profiles.map(profileText));
    vectors.forEach((v, i) => {
      for (let j = 0; j < emb.dims; j++) expect(Math.abs(emb.vectors[i * emb.dims + j] * emb.scales[i] - v[j])).toBeLessThan(emb.scales[i] * 0.51);
    });
  });
});

/** Bytes and a matching manifest for `vectors`, as the build script writes them. */
function embeddingsFiles(vectors: Float32Array[], dims: number) {
  const bytes = encodeEmbeddings(vectors, dims);
  const manifest = {
    schema_version: EMBEDDINGS_SCHEMA_VERSION, model_id: 'm/x', weights: 'q8', pooling: 'cls', dims, dtype: 'int8', count: vectors.length, pool_sha256: 'p', text_version: PROFILE_TEXT_VERSION, texts_sha256: 't',
    file: { path: 'x.bin', bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') },
  };
  return { bytes, manifest, expected: { modelId: 'm/x', weights: 'q8', pooling: 'cls', poolSha256: 'p', count: vectors.length, textVersion: PROFILE_TEXT_VERSION } };
}

describe('pool embeddings file', () => {
  const { bytes, manifest, expected } = embeddingsFiles([Float32Array.from([0.6, 0.8, 0]), Float32Array.from([0, -1, 0]), Float32Array.from([0.5, 0.5, Math.SQRT1_2])], 3);

  it('round-trips as views over the same bytes, and the scan gives cosine similarity', async () => {
    const decoded = await decodeEmbeddings(manifest, bytes, expected);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const emb = decoded.value;
    expect(emb.vectors.buffer).toBe(bytes.buffer);
    const out = new Float32Array(3);
    scanSimilarity(emb, Float32Array.from([0.6, 0.8, 0]), Int32Array.from([0, 1, 2]), 3, out);
    expect(out[0]).toBeCloseTo(1, 2);
    expect(out[1]).toBeCloseTo(-0.8, 2);
    expect(out[2]).toBeCloseTo(0.7, 2);
  });

  it.each([
    ['another model', manifest, bytes, { ...expected, modelId: 'm/y' }, /runtime model is m\/y/],
    ['another pool', manifest, bytes, { ...expected, poolSha256: 'q' }, /another version of the pool/],
    ['another text template', manifest, bytes, { ...expected, textVersion: 99 }, /profile-text template/],
    ['other weights (fp32 query, q8 pool)', manifest, bytes, { ...expected, weights: 'fp32' }, /made with q8 weights and cls pooling, but the query is embedded with fp32 weights/],
    ['another pooling (mean query, CLS pool)', manifest, bytes, { ...expected, pooling: 'mean' }, /cls pooling, but .* mean pooling; they are not mixed/],
    ['an older manifest without weights or pooling', { ...manifest, schema_version: 1 }, bytes, expected, /older format/],
    ['a truncated file', manifest, bytes.subarray(0, 10), expected, /truncated/],
    ['altered bytes', manifest, Uint8Array.from(bytes, (b, i) => (i === 13 ? b ^ 1 : b)), expected, /checksum/],
    ['a broken manifest', { nope: 1 }, bytes, expected, /manifest/],
  ] as const)('refuses %s', async (_label, m, b, e, message) => {
    await expect(decodeEmbeddings(m, b, e)).resolves.toMatchObject({ ok: false, error: { code: 'embeddings_mismatch', message: expect.stringMatching(message) } });
  });
});

describe('semantic stage', () => {
  const candidates = ['c_1', 'c_2', 'c_3', 'c_4'].map((id, i) => profile({ id, interests: ['chess', ['yoga', 'diving', 'sailing', 'castles'][i]] }));
  const pool = packProfiles(candidates);
  // Vectors that put c_4 first and c_1 last, unlike the rule order (all tie on rules → id order).
  const vectors = [0.1, 0.4, 0.7, 1].map((x) => Float32Array.from([x, Math.sqrt(1 - x * x)]));
  const files = embeddingsFiles(vectors, 2);
  let embeddings: PoolEmbeddings;
  beforeAll(async () => {
    const decoded = await decodeEmbeddings(files.manifest, files.bytes, files.expected);
    if (!decoded.ok) throw new Error(decoded.error.message);
    embeddings = decoded.value;
  });
  const fakeEmbedder: Embedder = { modelId: 'm/x', device: 'cpu', dims: 2, weights: 'q8', pooling: 'cls', embed: async (t) => t.map(() => Float32Array.from([1, 0])), dispose: async () => undefined };

  it('reorders the shortlist by similarity and reports the backend', async () => {
    const withSim = new Matcher();
    withSim.usePool(pool, new SemanticStage({ modelId: 'm/x', device: 'cpu', loadPoolEmbeddings: async () => ok(embeddings), loadEmbedder: async () => fakeEmbedder }));
    const ruleOnly = new Matcher();
    ruleOnly.usePool(pool);
    const q = profile({ id: 'u_query', interests: ['chess'] });
    const a = await withSim.search(q);
    const b = await ruleOnly.search(q);
    if (!a.ok || !b.ok) throw new Error('search failed');
    expect(b.value.result.ranked_input_ids).toEqual(['c_1', 'c_2', 'c_3', 'c_4']);
    expect(a.value.result.ranked_input_ids).toEqual(['c_4', 'c_3', 'c_2', 'c_1']);
    expect(a.value.result.similarity).toEqual({ model: 'm/x', backend: 'cpu' });
    expect(a.value.result.notices.map((n) => n.code)).not.toContain('similarity_off');
    expect(a.value.result.skipped_stages).toEqual([]);
    expect(b.value.result.similarity).toBeNull();
    expect(b.value.result.skipped_stages).toEqual(['embed']);
  });

  it('remembers a failed model load: later searches get the notice at once, with no retry', async () => {
    let attempts = 0;
    const stage = new SemanticStage({
      modelId: 'm/x', device: 'wasm', loadPoolEmbeddings: async () => ok(embeddings),
      loadEmbedder: async () => { attempts++; throw 'TypeError: Failed to fetch'; },
    });
    const service = new Matcher();
    service.usePool(pool, stage);
    const q = profile({ id: 'u_query' });
    for (let i = 0; i < 3; i++) {
      const r = await service.search(q);
      expect(r.ok && r.value.result.results.length).toBeGreaterThan(0);
      // The library's own words are the notice's detail, never its message.
      expect(r.ok && r.value.result.notices).toContainEqual({ code: 'embedder_unavailable', message: expect.stringContaining('m/x could not be loaded'), detail: 'TypeError: Failed to fetch' });
    }
    expect(attempts).toBe(1);
    expect(stage.status.state).toBe('failed');
  });

  it('does not load the model when the pool has no embeddings for it', async () => {
    let attempts = 0;
    const stage = new SemanticStage({
      modelId: 'm/x', device: 'wasm',
      loadPoolEmbeddings: async () => fail(notice('embeddings_missing', { model: 'm/x' })),
      loadEmbedder: async () => { attempts++; return fakeEmbedder; },
    });
    expect(await stage.embedQuery('x')).toEqual({ ok: false, error: notice('embeddings_missing', { model: 'm/x' }) });
    expect(attempts).toBe(0);
  });

  it('refuses to mix a model whose width differs from the pool’s vectors', async () => {
    const stage = new SemanticStage({ modelId: 'm/x', device: 'wasm', loadPoolEmbeddings: async () => ok(embeddings), loadEmbedder: async () => ({ ...fakeEmbedder, dims: 3 }) });
    expect(await stage.embedQuery('x')).toMatchObject({ ok: false, error: { code: 'embeddings_mismatch' } });
  });
});
