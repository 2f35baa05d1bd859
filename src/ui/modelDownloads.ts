/**
 * Model downloads as the page shows them (SPEC §6, §8): the worker reports progress per file
 * (`config.json`, `onnx/model_q4.onnx`, web-llm's one bar…), each report naming its model and
 * role; here they become one entry per model — its phase, bytes so far and in all over every
 * file, the rate and the time left — so that two models' files of the same name stay apart.
 * Which models are already on this device: src/core/models/cached.ts.
 * Pure logic, no DOM: the session feeds it, ModelProgress.svelte and the panels render it.
 */
import { embedModelDownload, transformersLlmDownload } from '../core/models/catalog';
import type { LoadPhase, ModelRole, Progress } from '../core/progress';

/** One (time, amount loaded) observation, for the rate. */
export interface Sample {
  t: number;
  loaded: number;
}

export interface ModelDownload {
  /** Stable key: role and model, or the file name of a download that names no model. */
  key: string;
  /** The model id (the file name when the download names no model). */
  model: string;
  /** What the model is for; null for a file of no model (the pool's embeddings). */
  role: ModelRole | null;
  /** The latest phase reported; `download` when a report names none. */
  phase: LoadPhase;
  /** Over all its files (for `index`: candidates). */
  loaded: number;
  /** 0 while unknown. */
  total: number;
  /** The latest report of each file. */
  files: Progress[];
  /** Per second, over the last few seconds of the current phase (bytes; candidates for `index`); null until measurable. */
  rate: number | null;
  /** Time left at that rate, or null. */
  etaMs: number | null;
  done: boolean;
  /** Recent samples of the current phase (kept for the rate). */
  samples: Sample[];
}

export interface IngestOptions {
  /**
   * What a model downloads in all (bytes), where known before its files start: transformers.js
   * reports each file only once it starts, so a bar would otherwise jump back when the weights
   * begin. Default: the catalog's sizes (`expectedModelBytes`).
   */
  expectedBytes?: (model: string, role: ModelRole | null) => number | null;
  /** The rate is measured over this window (ms). */
  windowMs?: number;
}

/** The catalog's download size of a transformers.js model in a role, or null (web-llm reports its own total). */
export function expectedModelBytes(model: string, role: ModelRole | null): number | null {
  if (role === 'embedder') return embedModelDownload(model);
  if (role === 'wasm ranker' || role === 'custom') return transformersLlmDownload(model);
  return null;
}

const WINDOW_MS = 5_000;
/** A rate measured over less than this is noise. */
const MIN_SPAN_MS = 250;
/** Samples kept at most this often (ms). */
const SAMPLE_MS = 100;

const keyOf = (p: Progress): string => (p.model ? `${p.role ?? 'model'}|${p.model}` : `file|${p.file}`);

/** The entries after one progress report at time `now` (ms); the list given is not changed. */
export function ingestProgress(list: readonly ModelDownload[], p: Progress, now: number, opts: IngestOptions = {}): ModelDownload[] {
  const key = keyOf(p);
  const i = list.findIndex((d) => d.key === key);
  const prev = i === -1 ? null : list[i];
  const phase: LoadPhase = p.phase ?? 'download';
  const before = prev?.files.find((f) => f.file === p.file);
  // A file that starts over (a retry, a new worker loading it again) starts the measurement over too.
  const restarted = !!before && (before.phase ?? 'download') === phase && p.loaded < before.loaded;
  const files = !prev ? [p] : before ? prev.files.map((f) => (f.file === p.file ? p : f)) : [...prev.files, p];
  const inPhase = files.filter((f) => (f.phase ?? 'download') === phase);
  const loaded = sum(inPhase.map((f) => f.loaded));
  const known = sum(inPhase.map((f) => Math.max(f.total, f.loaded)));
  const allDone = inPhase.every((f) => f.total > 0 && f.loaded >= f.total);
  let total = known;
  const expected = phase === 'download' || phase === 'cache' ? (opts.expectedBytes ?? expectedModelBytes)(p.model ?? '', p.model ? (p.role ?? null) : null) : null;
  // The catalog's size stands for files not started yet — until every file is in and about that size.
  if (expected && expected > known && !(allDone && loaded >= 0.9 * expected)) total = expected;
  const done = total > 0 && loaded >= total && allDone;
  const windowMs = opts.windowMs ?? WINDOW_MS;
  const kept = prev && prev.phase === phase && !restarted ? prev.samples.filter((s) => s.t <= now) : [];
  // Reports come per network chunk: samples closer than SAMPLE_MS to the one before are merged.
  const samples = kept.length >= 2 && now - kept[kept.length - 2].t < SAMPLE_MS ? [...kept.slice(0, -1), { t: now, loaded }] : [...kept, { t: now, loaded }];
  // Keep the window, plus the last sample before it (the span then always covers the window).
  while (samples.length > 2 && samples[1].t <= now - windowMs) samples.shift();
  const first = samples[0];
  const span = now - first.t;
  const rate = span >= MIN_SPAN_MS && loaded >= first.loaded ? ((loaded - first.loaded) * 1000) / span : (prev && prev.phase === phase && !restarted ? prev.rate : null);
  const etaMs = !done && total > 0 && rate && rate > 0 ? ((total - loaded) / rate) * 1000 : null;
  const entry: ModelDownload = {
    key, model: p.model ?? p.file, role: p.model ? (p.role ?? null) : null, phase, loaded, total, files, rate, etaMs, done, samples,
  };
  const out = [...list];
  if (i === -1) out.push(entry);
  else out[i] = entry;
  return out;
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

// ---- words ------------------------------------------------------------------------------

const ROLE_LABEL: Record<ModelRole, string> = {
  embedder: 'Embedder',
  'webgpu ranker': 'WebGPU ranker',
  'wasm ranker': 'WASM ranker',
  custom: 'Custom ranker',
};

export function roleLabel(role: ModelRole | null): string {
  return role ? ROLE_LABEL[role] : 'Download';
}

/** Sizes as the hub shows them, rounded for a sentence: 120_400_000 → "120 MB", 4_230_000 → "4.2 MB". */
export function fmtSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${Math.round(bytes / 1e3)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** A wait in round words: "a few seconds", "40 s", "about 2 min". */
export function fmtTimeLeft(ms: number): string {
  const s = ms / 1000;
  if (s < 5) return 'a few seconds left';
  if (s < 60) return `about ${Math.round(s / 5) * 5} s left`;
  if (s < 5400) return `about ${Math.round(s / 60)} min left`;
  return `about ${Math.round(s / 3600)} h left`;
}

const PHASE_WORDS: Record<LoadPhase, string> = {
  download: 'downloading',
  cache: 'loading from this device',
  compile: 'preparing for the GPU',
  index: 'indexing',
};

/** "Embedder: Xenova/bge-small-en-v1.5 — downloading 12 MB of 35 MB, 4.2 MB/s, about 5 s left". */
export function describeDownload(d: ModelDownload): string {
  const head = `${roleLabel(d.role)}: ${d.model} — `;
  if (d.phase === 'index') {
    const rate = d.rate ? `, ${Math.round(d.rate)} profiles/s` : '';
    if (d.done) return `${head}indexed ${d.total} profiles`;
    return `${head}indexing ${d.loaded} of ${d.total || '?'} profiles${rate}${d.etaMs !== null ? `, ${fmtTimeLeft(d.etaMs)}` : ''}`;
  }
  if (d.done) return `${head}${d.phase === 'download' ? 'downloaded' : 'ready'}, ${fmtSize(d.total)}`;
  const amount = d.phase === 'download'
    ? `${fmtSize(d.loaded)}${d.total ? ` of ${fmtSize(d.total)}` : ''}`
    : d.total ? `${Math.floor((100 * d.loaded) / d.total)} %` : '';
  const rate = d.phase === 'download' && d.rate ? `, ${fmtSize(d.rate)}/s` : '';
  const left = d.etaMs !== null ? `, ${fmtTimeLeft(d.etaMs)}` : '';
  return `${head}${PHASE_WORDS[d.phase]}${amount ? ` ${amount}` : ''}${rate}${left}`;
}
