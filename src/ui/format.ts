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

/** 1536 → "1.5 KB", 3_400_000 → "3.2 MB". */
export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
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
