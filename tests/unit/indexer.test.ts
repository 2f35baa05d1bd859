/**
 * Building the pool's index on the device (src/core/similarity/indexer.ts, semantic.ts): the
 * same file and manifest as `npm run embeddings`, resumed after an interruption, used for this
 * session when storage refuses, and searches rule-only (with the progress) until it is done.
 * The model is a deterministic stand-in (our logic); the browser test runs the real encoder.
 */
import { describe, expect, it, vi } from 'vitest';
import { Matcher } from '../../src/core/matcher';
import { notice, ok } from '../../src/core/outcome';
import { packProfiles } from '../../src/core/pool/packed';
import { PROFILE_TEXT_VERSION, profileText } from '../../src/core/profile/text';
import type { OnProgress, Progress } from '../../src/core/progress';
import type { Embedder } from '../../src/core/engines/embedder';
import { buildIndex } from '../../src/core/similarity/indexer';
import { type IndexStore, memoryIndexStore } from '../../src/core/similarity/indexStore';
import { decodeEmbeddings, embeddingsManifest, encodeEmbeddings } from '../../src/core/similarity/poolEmbeddings';
import { SemanticStage } from '../../src/core/similarity/semantic';
import { generatePoolArray } from '../../scripts/pool/generate';
import { profile } from './profiles';

/** A deterministic "model": each text's vector from its characters, normalised. */
function vectorOf(text: string, dims = 8): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < text.length; i++) v[i % dims] += (text.charCodeAt(i) % 31) - 15;
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

function model(opts: { failAfter?: number } = {}) {
  let calls = 0;
  const embedded: string[] = [];
  return {
    embedded,
    get calls() { return calls; },
    embed: async (texts: string[]) => {
      if (opts.failAfter !== undefined && calls >= opts.failAfter) throw new Error('the tab was closed');
      calls++;
      embedded.push(...texts);
      return texts.map((t) => vectorOf(t));
    },
  };
}

const profiles = generatePoolArray(300, 11);
const texts = profiles.map(profileText);
const origin = { modelId: 'm/x', weights: 'q8', pooling: 'cls', poolSha256: 'a'.repeat(64), textVersion: PROFILE_TEXT_VERSION };

describe('the index built on the device', () => {
  it('is the file npm run embeddings writes for the same vectors, and passes its checks', async () => {
    const m = model();
    const store = memoryIndexStore();
    const built = await buildIndex({ texts, origin, embed: m.embed, store, batchSize: 16, partSize: 64 });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value).toMatchObject({ saved: true, resumedFrom: 0 });
    const bytes = encodeEmbeddings(texts.map((t) => vectorOf(t)), 8);
    const manifest = await embeddingsManifest(bytes, { ...origin, dims: 8, texts });
    expect(store.complete?.manifest).toEqual(manifest);
    expect(Array.from(store.complete!.bytes)).toEqual(Array.from(bytes));
    expect(store.parts.size).toBe(0);
    const decoded = await decodeEmbeddings(store.complete!.manifest, store.complete!.bytes, { ...origin, count: texts.length });
    expect(decoded.ok).toBe(true);
  });

  it('an indexing cut short goes on after the last saved part, and gives the same index', async () => {
    const store = memoryIndexStore();
    const first = model({ failAfter: 10 }); // 10 batches of 16 = 160 candidates, parts of 64 saved
    const cut = await buildIndex({ texts, origin, embed: first.embed, store, batchSize: 16, partSize: 64 });
    expect(cut.ok).toBe(false);
    expect([...store.parts.keys()]).toEqual([0, 64, 128]);
    const second = model();
    const resumed = await buildIndex({ texts, origin, embed: second.embed, store, batchSize: 16, partSize: 64 });
    if (!resumed.ok) throw new Error(resumed.error.message);
    // The 160 done before the cut count; the last part (128–159) was saved when the model failed.
    expect(resumed.value.resumedFrom).toBe(160);
    expect(second.embedded).toEqual(texts.slice(160));
    const whole = memoryIndexStore();
    await buildIndex({ texts, origin, embed: model().embed, store: whole, batchSize: 16, partSize: 64 });
    expect(Array.from(store.complete!.bytes)).toEqual(Array.from(whole.complete!.bytes));
  });

  it('storage that refuses leaves a working index for this session', async () => {
    const refusing: IndexStore = { ...memoryIndexStore(), savePart: async () => { throw new DOMException('full', 'QuotaExceededError'); }, saveComplete: async () => { throw new DOMException('full', 'QuotaExceededError'); } };
    const built = await buildIndex({ texts, origin, embed: model().embed, store: refusing });
    expect(built.ok && built.value.saved).toBe(false);
    expect(built.ok && built.value.embeddings.count).toBe(texts.length);
  });
});

describe('a search while the pool is indexed', () => {
  const pool = packProfiles(profiles);
  /** A stage whose pool has no embeddings for the model; the model answers only when released. */
  function stage(store = memoryIndexStore(), opts: { loadFails?: boolean; onProgress?: OnProgress } = {}) {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const m = model();
    const embedder: Embedder = {
      modelId: 'm/x', device: 'cpu', dims: 8, weights: 'q8', pooling: 'cls',
      embed: async (t) => { await gate; return m.embed(t); },
      dispose: async () => undefined,
    };
    const s = new SemanticStage({
      modelId: 'm/x', device: 'wasm',
      loadPoolEmbeddings: async () => ({ ok: false, error: notice('embeddings_missing', { model: 'm/x' }) }),
      loadEmbedder: async () => { if (opts.loadFails) throw new Error('Could not locate file (404)'); return embedder; },
      onProgress: opts.onProgress,
      indexing: { texts: async () => ok(texts), store, poolSha256: origin.poolSha256, weights: 'q8', pooling: 'cls', textVersion: PROFILE_TEXT_VERSION, batchSize: 32 },
    });
    return { s, release, store };
  }
  const q = profile({ id: 'u_query' });

  it('is rule-only with the progress until the index is complete, then semantic; a second stage reads the saved index at once', async () => {
    const { s, release, store } = stage();
    const matcher = new Matcher();
    matcher.usePool(pool, s);
    const during = await matcher.search(q);
    expect(during.ok && during.value.result.notices.map((n) => n.code)).toContain('index_building');
    expect(during.ok && during.value.result.similarity).toBeNull();
    expect(s.status.state).toBe('indexing');
    release();
    await vi.waitFor(() => expect(s.status.state).not.toBe('indexing'));
    expect(s.status).toMatchObject({ state: 'ready', source: 'indexed' });
    const after = await matcher.search(q);
    expect(after.ok && after.value.result.similarity).toEqual({ model: 'm/x', backend: 'wasm' });
    expect(after.ok && after.value.result.notices.map((n) => n.code)).not.toContain('index_building');
    // A reload: the index is on the device, nothing is embedded again.
    const again = stage(store);
    again.release();
    await again.s.prepare();
    expect(again.s.status).toMatchObject({ state: 'ready', source: 'device' });
  });

  it('a model that cannot load leaves a rule-only search with the reason, and the page is told the indexing ended', async () => {
    const reports: Progress[] = [];
    const { s } = stage(memoryIndexStore(), { loadFails: true, onProgress: (p) => reports.push(p) });
    const matcher = new Matcher();
    matcher.usePool(pool, s);
    await matcher.search(q);
    await vi.waitFor(() => expect(s.status.state).not.toBe('indexing'));
    const r = await matcher.search(q);
    expect(r.ok && r.value.result.results.length).toBeGreaterThan(0);
    expect(r.ok && r.value.result.notices).toContainEqual(expect.objectContaining({ code: 'embedder_unavailable', detail: expect.stringContaining('404') }));
    // Without a last report the page would show the indexing as running until its next search.
    expect(reports.filter((p) => p.phase === 'index').at(-1)).toEqual({ file: 'index:m/x', loaded: 0, total: 0, phase: 'index' });
  });
});
