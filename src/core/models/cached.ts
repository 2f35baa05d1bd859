/**
 * Which models are already on this device ("cached on this device"): the model libraries'
 * own Cache Storage, looked up the way each library looks itself up. The page asks before a
 * download and marks its pickers with it; the worker names a load from the cache as such (a
 * read from this device, not a download). Environment-neutral: `caches` is passed in, or the
 * global one where there is one.
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import { HUB_FILES, transformersFiles } from '../engines/hubListing';
import { type WebLlmHosts, webllmAppConfig } from '../rank/webllm/appConfig';
import { embedModel, embedModels, transformersLlmDtype } from './catalog';

/** A model to look up in Cache Storage. */
export interface ModelRef {
  id: string;
  /** transformers.js (Cache API `transformers-cache`) or web-llm (`webllm/model`). */
  engine: 'transformers' | 'webllm';
  /** transformers.js: the weights file that must be there (`onnx/model_q4.onnx`); any `.onnx` of the model when unknown. */
  weights?: string;
}

/** What this needs of `caches` (the browser's CacheStorage fits; the tests pass a fake). */
export interface CacheStorageLike {
  keys(): Promise<string[]>;
  open(name: string): Promise<{
    keys(): Promise<readonly { url: string }[]>;
    match(request: string): Promise<{ json(): Promise<unknown> } | undefined>;
  }>;
}

/** transformers.js' Cache API name (its `env.cacheKey` default, node_modules/@huggingface/transformers/src/env.js). */
export const TRANSFORMERS_CACHE = 'transformers-cache';
/** web-llm's model weights cache (`ArtifactCache("webllm/model")`); `webllm/config` and `webllm/wasm` hold the rest. */
export const WEBLLM_MODEL_CACHE = 'webllm/model';

/**
 * The transformers.js weights file of a catalog model (`onnx/model_quantized.onnx`), or undefined
 * for a model outside it (its weights variant is not known here: any `.onnx` of it counts).
 */
export function transformersWeights(id: string, task: 'feature-extraction' | 'text-generation'): string | undefined {
  if (!(task === 'feature-extraction' ? id in embedModels() : id in HUB_FILES)) return undefined;
  const dtype = task === 'feature-extraction' ? embedModel(id).weights : transformersLlmDtype(id);
  try {
    return transformersFiles(task, dtype).find((f) => f.startsWith('onnx/'));
  } catch {
    return undefined;
  }
}

async function urlsOf(storage: CacheStorageLike, names: string[]): Promise<string[]> {
  const lists = await Promise.all(names.map(async (n) => (await (await storage.open(n)).keys()).map((r) => r.url)));
  return lists.flat();
}

/**
 * The ids of `models` whose files are in this browser's Cache Storage: for transformers.js the
 * model's weights file, for web-llm every weights shard its `ndarray-cache.json` names (what
 * web-llm itself checks). A model web-llm keeps in IndexedDB (cache=indexeddb) is not seen
 * here (`modelsOnDevice` below asks web-llm). Never throws: without Cache Storage nothing is cached.
 */
export async function cachedModels(models: readonly ModelRef[], storage: CacheStorageLike | undefined = (globalThis as { caches?: CacheStorageLike }).caches): Promise<Set<string>> {
  const out = new Set<string>();
  if (!storage || models.length === 0) return out;
  try {
    const names = await storage.keys();
    const tf = await urlsOf(storage, names.filter((n) => n === TRANSFORMERS_CACHE));
    const webllmNames = names.filter((n) => n === WEBLLM_MODEL_CACHE);
    const wl = await urlsOf(storage, webllmNames);
    const wlSet = new Set(wl);
    for (const m of models) {
      const folder = `/${m.id}/`;
      if (m.engine === 'transformers') {
        const hit = tf.some((u) => u.includes(folder) && (m.weights ? u.endsWith(`/${m.weights}`) : /\.onnx$/.test(u)));
        if (hit) out.add(m.id);
        continue;
      }
      const index = wl.find((u) => u.includes(folder) && u.endsWith('/ndarray-cache.json'));
      if (!index) continue;
      try {
        const res = await (await storage.open(WEBLLM_MODEL_CACHE)).match(index);
        const records = (res ? ((await res.json()) as { records?: { dataPath?: unknown }[] }).records : undefined) ?? [];
        const shards = records.map((r) => (typeof r.dataPath === 'string' ? new URL(r.dataPath, index).href : ''));
        if (shards.length > 0 && shards.every((u) => u && wlSet.has(u))) out.add(m.id);
      } catch {
        // an unreadable index: not counted as cached
      }
    }
  } catch {
    // Cache Storage refused (a private window, an iframe): nothing is known to be cached
  }
  return out;
}

/**
 * Whether a transformers.js model's load will read this device's cache rather than download:
 * its weights file is there. transformers.js reports both as "download"; the worker names the
 * phase from this before the load starts.
 */
export async function transformersCached(id: string, task: 'feature-extraction' | 'text-generation', storage?: CacheStorageLike): Promise<boolean> {
  const ref: ModelRef = { id, engine: 'transformers', weights: transformersWeights(id, task) };
  return (await (storage === undefined ? cachedModels([ref]) : cachedModels([ref], storage))).has(id);
}

/** What `modelsOnDevice` needs of web-llm: its own cache check and the records it moves. */
export interface WebLlmCacheModule {
  hasModelInCache(modelId: string, appConfig?: AppConfig): Promise<boolean>;
  prebuiltAppConfig: AppConfig;
  modelLibURLPrefix: string;
}

/**
 * The ids of `models` on this device, wherever their library keeps them: Cache Storage (above)
 * and — with `cache=indexeddb` — web-llm's IndexedDB, which only web-llm's own check reads
 * (`hasModelInCache`, over the app's record of the model: the hosts it is fetched from are its
 * cache keys). web-llm is imported only then (`loadWebLlm`). Never throws.
 */
export async function modelsOnDevice(
  models: readonly ModelRef[],
  hosts: WebLlmHosts,
  loadWebLlm: () => Promise<WebLlmCacheModule>,
  storage?: CacheStorageLike,
): Promise<Set<string>> {
  const found = await (storage === undefined ? cachedModels(models) : cachedModels(models, storage));
  const inDb = hosts.cache === 'indexeddb' ? models.filter((m) => m.engine === 'webllm' && !found.has(m.id)) : [];
  if (inDb.length === 0) return found;
  try {
    const webllm = await loadWebLlm();
    await Promise.all(inDb.map(async (m) => {
      try {
        if (await webllm.hasModelInCache(m.id, webllmAppConfig(webllm.prebuiltAppConfig, webllm.modelLibURLPrefix, m.id, hosts))) found.add(m.id);
      } catch {
        // a model web-llm does not know, or IndexedDB refused: not known to be cached
      }
    }));
  } catch {
    // web-llm could not be loaded: only Cache Storage is known
  }
  return found;
}
