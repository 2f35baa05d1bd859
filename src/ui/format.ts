/** Small display helpers shared by the UI components. Pure, no DOM. */
import { languageName, titleCase } from '../core/profile/vocab';

const intFmt = new Intl.NumberFormat('en');

/** 10000 → "10,000". */
export function fmtInt(n: number): string {
  return intFmt.format(n);
}

/** Milliseconds with sensible precision: 0.042 → "0.04", 12.34 → "12.3", 1234 → "1,234". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return fmtInt(Math.round(ms));
}

/** Decimal units, as model hubs show sizes: 1536 → "1.5 kB", 793_196_719 → "793.2 MB", 1.8e9 → "1.80 GB". */
export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** A wait in words: 4_200 → "4 s", 95_000 → "1 min 35 s". */
export function fmtSeconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

/**
 * A duration, in the unit it reads best in: 0.004 → "< 0.01 ms" (it ran, under the clock's
 * resolution), 12.34 → "12.3 ms", 730 → "730 ms", 5_612 → "5.6 s", 13_200 → "13 s",
 * 95_000 → "1 min 35 s". Never "0.00 ms" for something that ran.
 */
export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 0.005) return '< 0.01 ms';
  if (ms < 1000) return `${fmtMs(ms)} ms`;
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)} s`;
  return fmtSeconds(ms);
}

/** How the page names an engine: "webllm" → "web-llm", "transformers" → "transformers.js". */
export function engineLabel(engine: string): string {
  return ({ webllm: 'web-llm', transformers: 'transformers.js', custom: 'custom model' } as Record<string, string>)[engine] ?? engine;
}

/** "early_bird" → "Early bird" (sentence case for option labels). */
export function label(word: string): string {
  const s = word.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export { titleCase };

/** ["de", "en"] → "German, English". */
export function languageList(codes: readonly string[]): string {
  return codes.map(languageName).join(', ');
}
