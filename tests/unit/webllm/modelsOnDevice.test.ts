/**
 * Which models are on this device when web-llm keeps them in IndexedDB (`cache=indexeddb`):
 * Cache Storage does not see them, so the worker asks web-llm itself. Here web-llm 0.2.79's own
 * IndexedDB cache (its `ArtifactIndexedDBCache`, the class its loader stores shards with) writes
 * a model's files into an in-memory IndexedDB (fake-indexeddb, a full implementation of the
 * API), and web-llm's own `hasModelInCache` answers over the app's record of the model — so a
 * wrong database, cache key or host fails here, as it would in a browser.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ModelRef, type WebLlmCacheModule, WEBLLM_MODEL_CACHE, modelsOnDevice, webllmBase } from '../../../src/core/models/cached';
import { LLM_CATALOG } from '../../../src/core/models/catalog';
import { type WebLlmHosts, webllmAppConfig } from '../../../src/core/rank/webllm/appConfig';
import { MODEL_ID, webllmInternals } from './harness';

const SHARDS = ['params_shard_0.bin', 'params_shard_1.bin'];

/** The files of the model at `base`, served by a stand-in network. */
function serve(base: string): void {
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    if (url === `${base}ndarray-cache.json`) return new Response(JSON.stringify({ records: SHARDS.map((dataPath) => ({ dataPath })) }));
    if (SHARDS.some((s) => url === `${base}${s}`)) return new Response(new Uint8Array(64));
    return new Response('not here', { status: 404 });
  }));
}

describe('models web-llm keeps in IndexedDB', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are on the device once web-llm has stored every shard — looked up through the model host the app uses', async () => {
    const { webllm, tvmjs, cleanModelUrl } = await webllmInternals();
    const hosts: WebLlmHosts = { modelHost: 'https://mirror.example/hub/', libHost: '', cache: 'indexeddb', origin: 'http://localhost' };
    // Where web-llm's loader fetches (and so caches) the model's files from.
    const base = cleanModelUrl(webllmAppConfig(webllm.prebuiltAppConfig, webllm.modelLibURLPrefix, MODEL_ID, hosts).model_list[0].model);
    expect(base).toBe(`https://mirror.example/hub/mlc-ai/${MODEL_ID}/resolve/main/`);
    serve(base);
    const loads: number[] = [];
    const load = async () => { loads.push(1); return webllm as unknown as WebLlmCacheModule; };
    const ref: ModelRef[] = [{ id: MODEL_ID, engine: 'webllm' }];
    const noCaches = { keys: async () => [], open: async () => ({ keys: async () => [], match: async () => undefined }) };

    expect(await modelsOnDevice(ref, hosts, load, noCaches)).toEqual(new Set());
    const store = new tvmjs.ArtifactIndexedDBCache('webllm/model');
    await store.addToCache(`${base}ndarray-cache.json`, 'json');
    await store.addToCache(`${base}${SHARDS[0]}`, 'arraybuffer');
    // One shard of two (an interrupted download): not on the device.
    expect(await modelsOnDevice(ref, hosts, load, noCaches)).toEqual(new Set());
    await store.addToCache(`${base}${SHARDS[1]}`, 'arraybuffer');
    expect(await modelsOnDevice(ref, hosts, load, noCaches)).toEqual(new Set([MODEL_ID]));
    // The same files under the hub's address are another model's cache entries.
    expect(await modelsOnDevice(ref, { ...hosts, modelHost: 'https://huggingface.co/' }, load, noCaches)).toEqual(new Set());
    expect(loads.length).toBe(4);

    // With Cache Storage as web-llm's cache, IndexedDB is not web-llm's and web-llm is not loaded.
    expect(await modelsOnDevice(ref, { ...hosts, cache: 'cache' }, load, noCaches)).toEqual(new Set());
    expect(loads.length).toBe(4);
  });

  it('every catalog model is looked up where web-llm fetches it from (its record, moved to the host, cleaned as web-llm cleans it)', async () => {
    const { webllm, cleanModelUrl } = await webllmInternals();
    const ids = LLM_CATALOG.flatMap((c) => [c.webllm.q4f16_1, c.webllm.q4f32_1]);
    expect(ids.length).toBeGreaterThan(3);
    for (const modelHost of ['https://huggingface.co/', 'https://mirror.example/hub', '/models/']) {
      const hosts: WebLlmHosts = { modelHost, libHost: '', cache: 'cache', origin: 'http://localhost:4173' };
      for (const id of ids) {
        expect(webllmBase(id, hosts), `${id} from ${modelHost}`).toBe(cleanModelUrl(webllmAppConfig(webllm.prebuiltAppConfig, webllm.modelLibURLPrefix, id, hosts).model_list[0].model));
      }
    }
  });

  it('with cache=indexeddb a copy in Cache Storage is not counted (web-llm then reads IndexedDB only); with cache=cache, only a copy from the host in use', async () => {
    const { webllm } = await webllmInternals();
    const hub: WebLlmHosts = { modelHost: 'https://huggingface.co/', libHost: '', cache: 'cache', origin: 'http://localhost' };
    const base = webllmBase(MODEL_ID, hub);
    const entries: Record<string, unknown> = {
      [`${base}ndarray-cache.json`]: { records: SHARDS.map((dataPath) => ({ dataPath })) },
      ...Object.fromEntries(SHARDS.map((s) => [`${base}${s}`, {}])),
    };
    const storage = {
      keys: async () => [WEBLLM_MODEL_CACHE],
      open: async () => ({ keys: async () => Object.keys(entries).map((url) => ({ url })), match: async (u: string) => (u in entries ? { json: async () => entries[u] } : undefined) }),
    };
    const ref: ModelRef[] = [{ id: MODEL_ID, engine: 'webllm' }];
    const load = async () => webllm as unknown as WebLlmCacheModule;
    expect(await modelsOnDevice(ref, hub, load, storage)).toEqual(new Set([MODEL_ID]));
    expect(await modelsOnDevice(ref, { ...hub, modelHost: 'https://mirror.example/hub/' }, load, storage)).toEqual(new Set());
    expect(await modelsOnDevice(ref, { ...hub, cache: 'indexeddb' }, load, storage)).toEqual(new Set());
  });

  it('a model web-llm does not know, or web-llm failing to load, is not on the device (nothing thrown)', async () => {
    const { webllm } = await webllmInternals();
    const hosts: WebLlmHosts = { modelHost: 'https://huggingface.co/', libHost: '', cache: 'indexeddb', origin: 'http://localhost' };
    const noCaches = { keys: async () => [], open: async () => ({ keys: async () => [], match: async () => undefined }) };
    expect(await modelsOnDevice([{ id: 'no-such-model-MLC', engine: 'webllm' }], hosts, async () => webllm as unknown as WebLlmCacheModule, noCaches)).toEqual(new Set());
    expect(await modelsOnDevice([{ id: MODEL_ID, engine: 'webllm' }], hosts, () => Promise.reject(new Error('offline')), noCaches)).toEqual(new Set());
  });
});
