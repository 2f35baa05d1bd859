/**
 * A setting this visit's link sets, shown in the panel with "Use my choice" (src/ui/settings.ts):
 * which settings the link sets, what applies without it, and the address without its parameter.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { SETTINGS_KEY, dropUrlParam, urlOverrides, withoutParam } from '../../src/ui/settings';

describe('urlOverrides', () => {
  const store = new Map<string, string>();
  afterEach(() => { vi.unstubAllGlobals(); store.clear(); });
  const stubStorage = () => vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v); } });

  it('lists each valid setting of the link with the stored choice or the default as what applies without it', () => {
    stubStorage();
    store.set(SETTINGS_KEY, JSON.stringify({ device: 'off' }));
    const got = urlOverrides('?device=wasm&embed_model=fixtures/tiny-encoder&model_host=/models/&unrelated=1');
    expect(got).toEqual([
      { key: 'device', param: 'device', value: 'wasm', fallback: 'off' },
      { key: 'embedModel', param: 'embed_model', value: 'fixtures/tiny-encoder', fallback: DEFAULT_SETTINGS.embedModel },
      { key: 'modelHost', param: 'model_host', value: '/models/', fallback: DEFAULT_SETTINGS.modelHost },
    ]);
  });

  it('a refused value is not in force, so not listed', () => {
    expect(urlOverrides('?device=quantum&model_host=https%3A%2F%2Fevil.example%2F&threads=2')).toEqual([
      { key: 'threads', param: 'threads', value: 2, fallback: 0 },
    ]);
    expect(urlOverrides('')).toEqual([]);
  });
});

describe('dropping a parameter from the address', () => {
  it('removes that parameter only, and keeps the rest of the link as it was', () => {
    const href = 'https://app.example/sub/?device=wasm&embed_model=fixtures/tiny-encoder&model_host=/models/#results';
    expect(withoutParam(href, 'embedModel')).toBe('https://app.example/sub/?device=wasm&model_host=/models/#results');
    expect(withoutParam(href, 'device')).toBe('https://app.example/sub/?embed_model=fixtures/tiny-encoder&model_host=/models/#results');
    expect(withoutParam('https://app.example/?device=off', 'device')).toBe('https://app.example/');
    expect(withoutParam('https://app.example/?embed%5Fmodel=a/b&x=1', 'embedModel')).toBe('https://app.example/?x=1');
  });

  it('replaces the history entry (no reload, no new entry), and only when the link had it', () => {
    const calls: unknown[][] = [];
    const hist = { state: { keep: 1 }, replaceState: (...args: unknown[]) => { calls.push(args); } };
    dropUrlParam('device', { href: 'https://app.example/?device=wasm&threads=1' }, hist);
    expect(calls).toEqual([[{ keep: 1 }, '', 'https://app.example/?threads=1']]);
    dropUrlParam('device', { href: 'https://app.example/?threads=1' }, hist);
    expect(calls).toHaveLength(1);
  });
});
