/**
 * Settings on the main thread (SPEC §6): URL parameters win for this visit and are never
 * stored; the panel's choices (and only those) are stored in localStorage and used on later
 * visits. A corrupt stored value is ignored.
 */
import { type Settings, paramsToSource, resolveSettings } from '../core/settings';

export const SETTINGS_KEY = 'rovermitra.settings.v1';

function stored(): Record<string, unknown> | null {
  try {
    const raw = localStorage.getItem(SETTINGS_KEY);
    const v: unknown = raw ? JSON.parse(raw) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface LoadedSettings {
  settings: Settings;
  problems: string[];
  /** The panel's stored choices (what a change is added to and saved). */
  choices: Partial<Settings>;
  /** Settings set by this visit's URL: they win, and are never stored. */
  fromUrl: (keyof Settings)[];
}

export function loadSettings(search = location.search): LoadedSettings {
  const problems: string[] = [];
  const url = paramsToSource(new URLSearchParams(search), problems);
  const choices = stored() ?? {};
  const resolved = resolveSettings(url, choices);
  // Stored choices are re-validated like anything else; only the valid ones are kept.
  const kept: Partial<Settings> = {};
  for (const [key, value] of Object.entries(choices)) {
    const one = resolveSettings({ [key]: value });
    if (key in one.settings && one.problems.length === 0) (kept as Record<string, unknown>)[key] = one.settings[key as keyof Settings];
  }
  return { settings: resolved.settings, problems: [...problems, ...resolved.problems], choices: kept, fromUrl: Object.keys(url) as (keyof Settings)[] };
}

/** Store the panel's choices (never the URL's). Returns false when storage refused them. */
export function saveSettings(choices: Partial<Settings>): boolean {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(choices));
    return true;
  } catch {
    // storage full or disabled: the setting still applies to this visit
    return false;
  }
}
