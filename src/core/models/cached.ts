/**
 * Which models are already on this device ("cached on this device"): the model libraries'
 * own Cache Storage, looked up the way each library looks itself up. The page asks before a
 * download and marks its pickers with it; the worker names a load from the cache as such (a
 * read from this device, not a download). Environment-neutral: `caches` is passed in, or the
 * global one where there is one.
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import { HUB_FILES, transformersFiles } from '../engines/hubListing';
import { isRemoteHost } from '../engines/transformersEnv';
import { HF_HUB, type WebLlmHosts, normaliseHost, webllmAppConfig } from '../rank/webllm/appConfig';
import { embedModel, embedModels, transformersLlmDtype } from './catalog';

/** A model to look up in Cache Storage. */
export interface ModelRef {
  id: string;
  /** transformers.js (Cache API `transformers-cache`) or web-llm (`webllm/model`). */
  engine: 'transformers' | 'webllm';
  /** transformers.js: the weights file that must be there (`onnx/model_q4.onnx`); any `.onnx` of the model when unknown. */
  weights?: string;
  /**
   * Where the library fetches the model's files from (an absolute URL ending in `/`): its cache
   * keys start with it, so a copy fetched from another host is not this model's. When unknown,
   * any entry under a folder named like the model counts.
   */
  base?: string;
}

/** Where the model's files are fetched from, as the hosts are set. */
export interface ModelHosts {
  /** An http(s) URL of a hub or mirror, or a same-origin path (resolved against `origin`). */
  modelHost: string;
  origin: string;
}

/**
 * The URL transformers.js fetches a model's files under (its cache keys): from a hub,
 * `<host><id>/resolve/main/` (its `remotePathTemplate`, revision `main`); from a path, the
 * model's folder under it (`localModelPath`), on this origin.
 */
export function transformersBase(id: string, hosts: ModelHosts): string {
  const host = hosts.modelHost.endsWith('/') ? hosts.modelHost : `${hosts.modelHost}/`;
  return isRemoteHost(host) ? `${host}${id}/resolve/main/` : new URL(`${host}${id}/`, hosts.origin).href;
}

/**
 * The URL web-llm fetches a catalog model's files under (its cache keys): the app's record of
 * the model (`mlc-ai/<id>` on the hub, moved to the model host as the loader moves it) with
 * web-llm's `resolve/main/` (its `cleanModelUrl`).
 */
export function webllmBase(id: string, hosts: ModelHosts): string {
  return new URL(`mlc-ai/${id}/resolve/main/`, normaliseHost(hosts.modelHost, hosts.origin) ?? HF_HUB).href;
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
      const ours = (u: string) => (m.base ? u.startsWith(m.base) : u.includes(folder));
      if (m.engine === 'transformers') {
        const hit = tf.some((u) => ours(u) && (m.weights ? u.endsWith(`/${m.weights}`) : /\.onnx$/.test(u)));
        if (hit) out.add(m.id);
        continue;
      }
      const index = wl.find((u) => ours(u) && u.endsWith('/ndarray-cache.json'));
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
export async function transformersCached(id: string, task: 'feature-extraction' | 'text-generation', hosts: ModelHosts, storage?: CacheStorageLike): Promise<boolean> {
  const ref: ModelRef = { id, engine: 'transformers', weights: transformersWeights(id, task), base: transformersBase(id, hosts) };
  return (await cachedModels([ref], storage)).has(id);
}

/** What `modelsOnDevice` needs of web-llm: its own cache check and the records it moves. */
export interface WebLlmCacheModule {
  hasModelInCache(modelId: string, appConfig?: AppConfig): Promise<boolean>;
  prebuiltAppConfig: AppConfig;
  modelLibURLPrefix: string;
}

/**
 * The ids of `models` on this device, wherever their library keeps them and fetched from the
 * hosts set now (a copy from another host is another cache entry, fetched again): Cache Storage
 * (above), and — with `cache=indexeddb`, where web-llm reads only IndexedDB — web-llm's own check
 * (`hasModelInCache`, over the app's record of the model). web-llm is imported only then
 * (`loadWebLlm`). Never throws.
 */
export async function modelsOnDevice(
  models: readonly ModelRef[],
  hosts: WebLlmHosts,
  loadWebLlm: () => Promise<WebLlmCacheModule>,
  storage?: CacheStorageLike,
): Promise<Set<string>> {
  const based = models.map((m): ModelRef => ({ ...m, base: m.base ?? (m.engine === 'transformers' ? transformersBase(m.id, hosts) : webllmBase(m.id, hosts)) }));
  const inDb = hosts.cache === 'indexeddb' ? based.filter((m) => m.engine === 'webllm') : [];
  const inCaches = based.filter((m) => !inDb.includes(m));
  const found = await cachedModels(inCaches, storage);
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
