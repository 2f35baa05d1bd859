/**
 * Settings on the main thread (SPEC §6): URL parameters win for this visit; the panel's choices
 * are stored in localStorage and used on later visits. A corrupt stored value is ignored.
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

export function loadSettings(): { settings: Settings; problems: string[] } {
  return resolveSettings(paramsToSource(new URLSearchParams(location.search)), stored());
}

export function saveSettings(s: Settings): void {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
  } catch {
    // storage full or disabled: the setting still applies to this visit
  }
}
