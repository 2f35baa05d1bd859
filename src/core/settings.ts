/**
 * Settings (SPEC §6): from URL parameters, then what was stored, then defaults. Each is
 * validated; a bad value is reported and replaced by the default, never used.
 *
 * Trust: a link can carry URL parameters, so they apply to that visit only (the page never
 * stores them), and a link cannot point the app at another origin — the pool folder is a
 * same-origin path whatever its source (decided by resolving it, not by its spelling), and a
 * model or library host on another origin is taken only from the settings panel (a same-origin
 * path, such as `/models/`, is accepted from a link).
 */
import { DEFAULT_EMBED_MODEL } from './models/catalog';
import { DEFAULT_MODEL_HOST } from './engines/transformersEnv';
import { DEVICE_SETTINGS, type DeviceSetting } from './device/plan';
import { DEFAULT_LLM, DEFAULT_WASM_LLM, LLM_CATALOG } from './models/catalog';
import { RANK_DETAILS, type RankDetail } from './rank/prompt';

export const CACHE_BACKENDS = ['cache', 'indexeddb'] as const;
export type CacheBackend = (typeof CACHE_BACKENDS)[number];

export interface Settings {
  /** auto | webgpu | wasm | off (the original's CUDA_VISIBLE_DEVICES="" is device=wasm). */
  device: DeviceSetting;
  /** Load models at start instead of on the first search (the original's WARM_MODELS=1). */
  warm: boolean;
  /** Sentence-embedding model id. */
  embedModel: string;
  /** Where models come from: a hub or mirror URL, or a same-origin path like /models/. */
  modelHost: string;
  /** WASM threads; 0 = automatic (cores, up to 4, when cross-origin isolated). */
  threads: number;
  /** Language model for ranking on WebGPU (a catalog key). */
  llm: string;
  /** Language model for ranking on WASM (transformers.js hub id, 4-bit). */
  wasmLlm: string;
  /** A custom ranking model tried first (transformers.js hub id or path), '' for none. */
  customModel: string;
  /** Where web-llm caches model files (transformers.js always uses the Cache API). */
  cache: CacheBackend;
  /** Another pool folder on this origin (e.g. a larger generated pool for the performance suite), '' for the app's own. */
  pool: string;
  /** Where web-llm's compiled model libraries come from ('' = web-llm's own host); same forms as the model host. */
  libHost: string;
  /** Ranking size: how many candidates stage 3 takes from the shortlist (and a model scores), 2–10. */
  rankCandidates: number;
  /** Ranking size: how much of each candidate the model's prompts carry ('auto': per engine device). */
  rankDetail: RankDetail | 'auto';
  /** Ranking size: generated tokens allowed per explanation, 0–60 (0: template sentences; 'auto': per engine device). */
  explainTokens: number | 'auto';
}

export const DEFAULT_SETTINGS: Settings = {
  device: 'auto',
  warm: false,
  embedModel: DEFAULT_EMBED_MODEL,
  modelHost: DEFAULT_MODEL_HOST,
  threads: 0,
  llm: DEFAULT_LLM,
  wasmLlm: DEFAULT_WASM_LLM,
  customModel: '',
  pool: '',
  cache: 'cache',
  libHost: '',
  rankCandidates: 10,
  rankDetail: 'auto',
  explainTokens: 'auto',
};

/** URL parameter name of each setting. */
export const SETTING_PARAMS: Record<keyof Settings, string> = {
  device: 'device',
  warm: 'warm',
  embedModel: 'embed_model',
  modelHost: 'model_host',
  threads: 'threads',
  llm: 'llm',
  wasmLlm: 'wasm_llm',
  customModel: 'custom_model',
  pool: 'pool',
  cache: 'cache',
  libHost: 'lib_host',
  rankCandidates: 'rank_n',
  rankDetail: 'rank_detail',
  explainTokens: 'explain_tokens',
};

type Source = Partial<Record<string, unknown>>;

/** A hub-style model id, `owner/name`: nothing that could walk out of a folder or a host. */
export function isModelId(v: unknown): v is string {
  return typeof v === 'string' && /^[\w.-]{1,96}\/[\w.-]{1,96}$/.test(v) && !v.split('/').some((part) => /^\.+$/.test(part));
}
const modelId = (v: unknown): string | undefined => (isModelId(v) ? v : undefined);

/** Stands for the page's own origin when resolving paths (core code has no `location`). */
const SELF = 'https://self.invalid';

/** A path on this origin, as resolved by the URL parser (`//host/`, `/\host/`, `https:` … resolve elsewhere). */
export function isSameOriginPath(v: string): boolean {
  if (!v.startsWith('/') || v.length > 300 || /[\s\\]/.test(v)) return false;
  try {
    const url = new URL(v, `${SELF}/`);
    return url.origin === SELF && url.pathname === v && !url.pathname.split('/').some((seg) => seg === '..' || seg === '.');
  } catch {
    return false;
  }
}

const host = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || v.length > 300) return undefined;
  if (isSameOriginPath(v)) return v;
  try {
    const url = new URL(v);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/.test(v) && !url.username && !url.password ? v : undefined;
  } catch {
    return undefined;
  }
};
const intIn = (lo: number, hi: number) => (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= lo && n <= hi ? n : undefined;
};

const CHECKS: { [K in keyof Settings]: (v: unknown) => Settings[K] | undefined } = {
  device: (v) => (DEVICE_SETTINGS.includes(v as DeviceSetting) ? (v as DeviceSetting) : undefined),
  warm: (v) => (v === true || v === '1' || v === 'true' ? true : v === false || v === '0' || v === 'false' ? false : undefined),
  embedModel: (v) => modelId(v),
  llm: (v) => (typeof v === 'string' && LLM_CATALOG.some((c) => c.key === v) ? v : undefined),
  wasmLlm: (v) => modelId(v),
  customModel: (v) => (v === '' ? '' : modelId(v)),
  cache: (v) => (CACHE_BACKENDS.includes(v as CacheBackend) ? (v as CacheBackend) : undefined),
  pool: (v) => (v === '' || (typeof v === 'string' && v.endsWith('/') && /^[\w./-]{1,200}$/.test(v) && isSameOriginPath(v)) ? (v as string) : undefined),
  threads: intIn(0, 16),
  modelHost: host,
  libHost: (v) => (v === '' ? '' : host(v)),
  rankCandidates: intIn(2, 10),
  rankDetail: (v) => (v === 'auto' || RANK_DETAILS.includes(v as RankDetail) ? (v as RankDetail | 'auto') : undefined),
  explainTokens: (v) => (v === 'auto' ? 'auto' : intIn(0, 60)(v)),
};

/** Settings a link may set only to a same-origin path (another origin only from the panel). */
const PANEL_ONLY_ORIGINS: (keyof Settings)[] = ['modelHost', 'libHost'];

/**
 * The settings a link carries. Hosts on another origin are not taken from a link: they are left
 * out, with a problem saying so (use the settings panel).
 */
export function paramsToSource(params: URLSearchParams, problems: string[] = []): Source {
  const out: Source = {};
  for (const [key, param] of Object.entries(SETTING_PARAMS) as [keyof Settings, string][]) {
    const v = params.get(param);
    if (v === null) continue;
    if (PANEL_ONLY_ORIGINS.includes(key) && v !== '' && !isSameOriginPath(v)) {
      problems.push(`${param}: another origin is taken only from the settings panel, not from a link; ignored`);
      continue;
    }
    out[key] = v;
  }
  return out;
}

/** Merge sources, first wins; returns the settings and one message per rejected value. */
export function resolveSettings(...sources: (Source | null | undefined)[]): { settings: Settings; problems: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    for (const source of sources) {
      if (!source || typeof source !== 'object' || !Object.hasOwn(source, key)) continue;
      const raw = source[key];
      const value = CHECKS[key](raw);
      if (value === undefined) {
        // The rejected value is not repeated: it may be anything a link carried.
        problems.push(`${SETTING_PARAMS[key]}: not a valid value; using ${String(settings[key]) || 'none'}`);
        continue;
      }
      (settings as unknown as Record<string, unknown>)[key] = value;
      break;
    }
  }
  return { settings, problems };
}
