/**
 * The real-architecture engine figures (`npm run test:engines`) in the performance report:
 * kept in perf-report.engines.json (one row per engine, replaced when measured again), printed as
 * a table, and shown as a section of perf-report.md / a field of perf-report.json — by whichever
 * of the two suites writes last.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FILE = path.join(ROOT, 'perf-report.engines.json');
const BEGIN = '<!-- engines:begin -->';
const END = '<!-- engines:end -->';

export interface EngineRow {
  /** e.g. "webllm". */
  engine: string;
  model: string;
  /** Where it ran, e.g. "webgpu (SwiftShader, software)". */
  device: string;
  chromium: string;
  measured_at: string;
  /** Model load, through the app's loader (first load: download, cache, compile). */
  load_ms: number | null;
  scoring: { prompt_tokens: number; ms: number; prefill_tokens_per_s: number } | null;
  explanation: { prompt_tokens: number; generated_tokens: number; ms: number; decode_tokens_per_s: number } | null;
  /** Click to the model's order on screen. */
  click_to_order_ms: number | null;
  note: string;
}

/** What every browser-measured row names: the path, the model and its weights file, where and when. */
interface MeasuredPath {
  path: string;
  model: string;
  /** The file loaded: q8 (model_quantized.onnx) or fp32 (model.onnx). */
  weights: string;
  device: string;
  chromium: string;
  measured_at: string;
}

/** Query embedding with the perf-shape encoder (`npm run bench:embed`), one row per path. */
export interface EmbedRow extends MeasuredPath {
  load_ms: number | null;
  embed_median_ms: number | null;
  embed_p95_ms: number | null;
}

/** The pool indexed in the browser (`npm run test:engines`, perf-shape encoder), one row per path. */
export interface IndexRow extends MeasuredPath {
  candidates: number;
  /** Candidates embedded per second, as the indexer reports it. */
  profiles_per_s: number | null;
  /** Click to results on screen while the index is being built (rule-only searches). */
  search_during_median_ms: number | null;
  search_during_p95_ms: number | null;
  search_during_max_ms: number | null;
  searches: number;
}

/** A generated original-format pool imported in the page (`npm run test:perf`). */
export interface ImportRow {
  records: number;
  users_mb: number;
  chromium: string;
  measured_at: string;
  /** Click on "Search my data" to the imported pool in use. */
  import_ms: number;
  /** The longest main-thread task meanwhile (PerformanceObserver longtask), 0 when none over 50 ms. */
  main_longest_task_ms: number;
}

interface Stored { engines: EngineRow[]; embeddings: EmbedRow[]; indexing: IndexRow[]; imports: ImportRow[] }

function readStored(): Stored {
  try {
    const v = JSON.parse(readFileSync(FILE, 'utf8')) as Partial<Stored> | EngineRow[];
    if (Array.isArray(v)) return { engines: v, embeddings: [], indexing: [], imports: [] };
    return { engines: v.engines ?? [], embeddings: v.embeddings ?? [], indexing: v.indexing ?? [], imports: v.imports ?? [] };
  } catch {
    return { engines: [], embeddings: [], indexing: [], imports: [] };
  }
}

export function readEngineRows(): EngineRow[] {
  return readStored().engines;
}

export function readEmbedRows(): EmbedRow[] {
  return readStored().embeddings;
}

export function embedTable(rows: EmbedRow[]): string[] {
  return [
    '| path | model (weights) | device | model load | query embedding median | p95 |',
    '|---|---|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.path} | ${r.model} (${r.weights}) | ${r.device} | ${s(r.load_ms)} | ${s(r.embed_median_ms)} | ${s(r.embed_p95_ms)} |`),
  ];
}

const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const rate = (r: number | undefined) => (r === undefined ? 'n/a' : r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2));

export function engineTable(rows: EngineRow[]): string[] {
  return [
    '| engine | model | device | load | scoring prefill | prefill tokens/s | explanation | decode tokens/s | click → model order |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.engine} | ${r.model} | ${r.device} | ${s(r.load_ms)} | ${r.scoring ? `${r.scoring.prompt_tokens} tokens in ${s(r.scoring.ms)}` : 'n/a'} | ${rate(r.scoring?.prefill_tokens_per_s)} | ${r.explanation ? `${r.explanation.prompt_tokens ? `${r.explanation.prompt_tokens} + ` : ''}${r.explanation.generated_tokens} generated in ${s(r.explanation.ms)}` : 'n/a'} | ${rate(r.explanation?.decode_tokens_per_s)} | ${s(r.click_to_order_ms)} |`),
  ];
}

export function indexTable(rows: IndexRow[]): string[] {
  return [
    '| path | model (weights) | device | candidates | indexed per second | search while indexing: median | p95 | max | searches |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.path} | ${r.model} (${r.weights}) | ${r.device} | ${r.candidates} | ${rate(r.profiles_per_s ?? undefined)} | ${s(r.search_during_median_ms)} | ${s(r.search_during_p95_ms ?? null)} | ${s(r.search_during_max_ms)} | ${r.searches} |`),
  ];
}

export function importTable(rows: ImportRow[]): string[] {
  return [
    '| records | users.json | import in the worker | longest main-thread task meanwhile |',
    '|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.records.toLocaleString('en')} | ${r.users_mb.toFixed(0)} MB | ${s(r.import_ms)} | ${r.main_longest_task_ms ? s(r.main_longest_task_ms) : 'none over 50 ms'} |`),
  ];
}

export function engineSection(stored: Stored = readStored()): string[] {
  const { engines: rows, embeddings, indexing, imports } = stored;
  if (rows.length === 0 && embeddings.length === 0 && indexing.length === 0 && imports.length === 0) return [];
  return [
    BEGIN,
    '## Real-architecture engines (`npm run test:engines`, `npm run bench:embed`)', '',
    'The model engines\' real code on models of the real architectures with generated weights, loaded through the app\'s loader, in this Chromium. Test-sized prompts (see each note); on a software GPU these are correctness runs, not what a GPU user waits.', '',
    ...(rows.length ? [...engineTable(rows), '', ...rows.map((r) => `- **${r.engine}** (${r.measured_at}, Chromium ${r.chromium}): ${r.note}`), ''] : []),
    ...(embeddings.length ? ['Query embedding with the perf-shape encoder (bge-small-en-v1.5\'s shape):', '', ...embedTable(embeddings), ''] : []),
    ...(indexing.length ? ['The pool indexed in the browser (no embeddings shipped), perf-shape encoder, in the background:', '', ...indexTable(indexing), ''] : []),
    ...(imports.length ? ['A person\'s own RoverMitra files (generated, original format) imported in the page:', '', ...importTable(imports), ''] : []),
    END,
  ];
}

/** Save (replacing rows of the same engine) and refresh the section of an existing report. */
export function saveEngineRows(update: EngineRow[]): EngineRow[] {
  const stored = readStored();
  const rows = [...stored.engines.filter((r) => !update.some((u) => u.engine === r.engine)), ...update];
  writeStored({ ...stored, engines: rows });
  return rows;
}

export function saveEmbedRows(update: EmbedRow[]): void {
  const stored = readStored();
  writeStored({ ...stored, embeddings: [...stored.embeddings.filter((r) => !update.some((u) => u.path === r.path)), ...update] });
}

export function saveIndexRows(update: IndexRow[]): void {
  const stored = readStored();
  writeStored({ ...stored, indexing: [...stored.indexing.filter((r) => !update.some((u) => u.path === r.path)), ...update] });
}

export function saveImportRows(update: ImportRow[]): void {
  const stored = readStored();
  writeStored({ ...stored, imports: [...stored.imports.filter((r) => !update.some((u) => u.records === r.records)), ...update] });
}

function writeStored(stored: Stored): void {
  writeFileSync(FILE, `${JSON.stringify(stored, null, 2)}\n`);
  const rows = stored.engines;
  const md = path.join(ROOT, 'perf-report.md');
  if (existsSync(md)) {
    const text = readFileSync(md, 'utf8');
    const section = engineSection(stored).join('\n');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    writeFileSync(md, a !== -1 && b > a ? `${text.slice(0, a)}${section}${text.slice(b + END.length)}` : `${text.trimEnd()}\n\n${section}\n`);
  }
  const json = path.join(ROOT, 'perf-report.json');
  if (existsSync(json)) {
    try {
      const report = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
      report.engines = rows;
      report.embeddings = stored.embeddings;
      report.indexing = stored.indexing;
      report.imports = stored.imports;
      writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    } catch { /* a report being rewritten: its next write includes the rows */ }
  }
}
