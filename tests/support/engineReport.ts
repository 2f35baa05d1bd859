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

export function readEngineRows(): EngineRow[] {
  try {
    return JSON.parse(readFileSync(FILE, 'utf8')) as EngineRow[];
  } catch {
    return [];
  }
}

const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const rate = (r: number | undefined) => (r === undefined ? 'n/a' : r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2));

export function engineTable(rows: EngineRow[]): string[] {
  return [
    '| engine | model | device | load | scoring prefill | prefill tokens/s | explanation | decode tokens/s | click → model order |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.engine} | ${r.model} | ${r.device} | ${s(r.load_ms)} | ${r.scoring ? `${r.scoring.prompt_tokens} tokens in ${s(r.scoring.ms)}` : 'n/a'} | ${rate(r.scoring?.prefill_tokens_per_s)} | ${r.explanation ? `${r.explanation.prompt_tokens} + ${r.explanation.generated_tokens} tokens in ${s(r.explanation.ms)}` : 'n/a'} | ${rate(r.explanation?.decode_tokens_per_s)} | ${s(r.click_to_order_ms)} |`),
  ];
}

export function engineSection(rows = readEngineRows()): string[] {
  if (rows.length === 0) return [];
  return [
    BEGIN,
    '## Real-architecture engines (`npm run test:engines`)', '',
    'The model engines\' real code on models of the real architectures with generated weights, loaded through the app\'s loader, in this Chromium. Test-sized prompts (see each note); on a software GPU these are correctness runs, not what a GPU user waits.', '',
    ...engineTable(rows), '',
    ...rows.map((r) => `- **${r.engine}** (${r.measured_at}, Chromium ${r.chromium}): ${r.note}`), '',
    END,
  ];
}

/** Save (replacing rows of the same engine) and refresh the section of an existing report. */
export function saveEngineRows(update: EngineRow[]): EngineRow[] {
  const rows = [...readEngineRows().filter((r) => !update.some((u) => u.engine === r.engine)), ...update];
  writeFileSync(FILE, `${JSON.stringify(rows, null, 2)}\n`);
  const md = path.join(ROOT, 'perf-report.md');
  if (existsSync(md)) {
    const text = readFileSync(md, 'utf8');
    const section = engineSection(rows).join('\n');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    writeFileSync(md, a !== -1 && b > a ? `${text.slice(0, a)}${section}${text.slice(b + END.length)}` : `${text.trimEnd()}\n\n${section}\n`);
  }
  const json = path.join(ROOT, 'perf-report.json');
  if (existsSync(json)) {
    try {
      const report = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
      report.engines = rows;
      writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    } catch { /* a report being rewritten: its next write includes the rows */ }
  }
  return rows;
}
