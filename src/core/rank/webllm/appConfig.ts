/**
 * web-llm's model records for this app (SPEC §5, §6): web-llm's own record for the chosen model,
 * moved to the configured hosts, with the feature it needs declared.
 *
 * - **Model host**: the weights live at `<host>mlc-ai/<repo>` on the Hugging Face hub or any
 *   mirror of it (a URL, or a same-origin path like `/models/`). Hosts are compared after URL
 *   normalisation, so `https://huggingface.co` and `https://huggingface.co/` are the same hub.
 * - **Library host**: the compiled model library (`*.wasm`) comes from web-llm's own library
 *   host unless a library host is configured; then it is `<libHost><version>/<file>`, web-llm's
 *   version folder kept (a library runs only under the runtime it was built for). A model mirror
 *   alone never moves the library: hubs do not serve web-llm's libraries.
 * - **shader-f16**: several `q4f16_1` records do not declare it; without it web-llm would fail
 *   late on an adapter without the feature, so it is added.
 * - **Cache**: web-llm 0.2.79 reads `useIndexedDBCache` (not a backend name).
 */
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';

export const HF_HUB = 'https://huggingface.co/';

export interface WebLlmHosts {
  /** Model host: an http(s) URL or a same-origin path (resolved against `origin`). */
  modelHost: string;
  /** Library host, '' for web-llm's own. */
  libHost: string;
  cache: 'cache' | 'indexeddb';
  /** Origin that same-origin paths resolve against (the worker's `location.origin`). */
  origin: string;
}

/** An absolute URL ending in `/`, or null when `host` is not a usable host. */
export function normaliseHost(host: string, origin: string): string | null {
  if (!host) return null;
  try {
    const url = new URL(host, origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url.href;
  } catch {
    return null;
  }
}

/**
 * The record of `modelId` from web-llm's `prebuiltAppConfig`, moved to the hosts; `libPrefix` is
 * web-llm's `modelLibURLPrefix` (what precedes `<version>/<file>` in its records).
 */
export function webllmAppConfig(prebuilt: AppConfig, libPrefix: string, modelId: string, hosts: WebLlmHosts): AppConfig {
  const record = prebuilt.model_list.find((r) => r.model_id === modelId);
  if (!record) throw new Error(`web-llm has no model ${modelId}`);
  return { model_list: [moveRecord(record, libPrefix, hosts)], useIndexedDBCache: hosts.cache === 'indexeddb' };
}

export function moveRecord(record: ModelRecord, libPrefix: string, hosts: WebLlmHosts): ModelRecord {
  const out: ModelRecord = { ...record };
  const modelHost = normaliseHost(hosts.modelHost, hosts.origin);
  if (modelHost && modelHost !== HF_HUB && record.model.startsWith(HF_HUB)) {
    out.model = new URL(record.model.slice(HF_HUB.length), modelHost).href;
  }
  const libHost = normaliseHost(hosts.libHost, hosts.origin);
  if (libHost && record.model_lib.startsWith(libPrefix)) {
    out.model_lib = new URL(record.model_lib.slice(libPrefix.length), libHost).href;
  }
  if (record.model_id.includes('q4f16') || record.model_id.includes('q0f16')) {
    const features = new Set(record.required_features ?? []);
    features.add('shader-f16');
    out.required_features = [...features];
  }
  return out;
}
