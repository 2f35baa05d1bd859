/**
 * Settings on the main thread (SPEC §6): URL parameters win for this visit and are never
 * stored; the panel's choices (and only those) are stored in localStorage and used on later
 * visits. A corrupt stored value is ignored.
 */
import { SETTING_PARAMS, type Settings, paramsToSource, resolveSettings } from '../core/settings';

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
  // Stored choices are re-validated like anything else; only the valid ones are kept (own keys
  // only: an inherited `toString` or `__proto__` is not a setting).
  const kept: Partial<Settings> = {};
  for (const [key, value] of Object.entries(choices)) {
    const one = resolveSettings({ [key]: value });
    if (Object.hasOwn(one.settings, key) && one.problems.length === 0) (kept as Record<string, unknown>)[key] = one.settings[key as keyof Settings];
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

/** A setting this visit's link sets (valid, so in force), and what applies without it. */
export interface UrlOverride<K extends keyof Settings = keyof Settings> {
  key: K;
  /** Its URL parameter (`embed_model`). */
  param: string;
  /** The link's value. */
  value: Settings[K];
  /** The value without the link: the panel's stored choice, else the default. */
  fallback: Settings[K];
}

/**
 * The settings this visit's link sets (`loadSettings`' `fromUrl`, less any value refused), each
 * with the value that applies once the link's parameter is dropped.
 */
export function urlOverrides(search = location.search): UrlOverride[] {
  const url = paramsToSource(new URLSearchParams(search));
  const without = loadSettings('').settings;
  const out: UrlOverride[] = [];
  for (const key of Object.keys(url) as (keyof Settings)[]) {
    const one = resolveSettings({ [key]: url[key] });
    if (one.problems.length > 0) continue; // refused: the link does not set it
    out.push({ key, param: SETTING_PARAMS[key], value: one.settings[key], fallback: without[key] });
  }
  return out;
}

/**
 * The address without a setting's URL parameter (the rest of the link as it was): a reload then
 * uses the panel's choice. `href` in, `href` out.
 */
export function withoutParam(href: string, key: keyof Settings): string {
  const url = new URL(href);
  const param = SETTING_PARAMS[key];
  const decode = (s: string) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } };
  const kept = url.search.replace(/^\?/, '').split('&').filter((part) => part !== '' && decode(part.split('=')[0]) !== param);
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}

/** Drop a setting's parameter from the address bar (history.replaceState: no reload, no new history entry). */
export function dropUrlParam(key: keyof Settings, loc: Pick<Location, 'href'> = location, hist: Pick<History, 'replaceState' | 'state'> = history): void {
  const next = withoutParam(loc.href, key);
  if (next !== loc.href) hist.replaceState(hist.state, '', next);
}
