/**
 * Settings a link can carry (SPEC §6, §11): same-origin paths only for the pool, no other origin
 * for model hosts from a link, URL parameters never stored; and the servers' policy.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODEL_HOSTS } from '../../scripts/csp';
import { isSameOriginPath, paramsToSource, resolveSettings } from '../../src/core/settings';
import { SETTINGS_KEY, loadSettings, saveSettings } from '../../src/ui/settings';

const fromUrl = (q: string) => {
  const problems: string[] = [];
  const source = paramsToSource(new URLSearchParams(q), problems);
  const r = resolveSettings(source);
  return { settings: r.settings, problems: [...problems, ...r.problems] };
};

describe('the pool folder is a same-origin path, decided by resolving it', () => {
  it.each([
    '//raw.githubusercontent.com/someone/pool/', '/\\\\evil.example/pool/', 'https://evil.example/pool/', '//evil.example/',
    '/pool/../../x/', '/./pool/', ' /pool/', '/pool', 'pool/',
  ])('refuses %j', (pool) => {
    const r = fromUrl(`pool=${encodeURIComponent(pool)}`);
    expect(r.settings.pool).toBe('');
    expect(r.problems.join(' ')).toMatch(/^pool: not a valid value/);
    // The refused value is not echoed back.
    expect(r.problems.join(' ')).not.toContain('evil');
  });
  it('accepts a folder on this origin', () => {
    expect(fromUrl('pool=/pool-100k/').settings.pool).toBe('/pool-100k/');
    expect(isSameOriginPath('/models/')).toBe(true);
    expect(isSameOriginPath('//models/')).toBe(false);
  });
});

describe('model hosts', () => {
  it('a link may point at a same-origin path, never at another origin', () => {
    expect(fromUrl('model_host=/models/&lib_host=/models/web-llm-libs/').settings).toMatchObject({ modelHost: '/models/', libHost: '/models/web-llm-libs/' });
    const foreign = fromUrl('model_host=https://evil.example/&lib_host=https://evil.example/libs/');
    expect(foreign.settings.modelHost).toBe('https://huggingface.co/');
    expect(foreign.settings.libHost).toBe('');
    expect(foreign.problems).toEqual([
      'model_host: another origin is taken only from the settings panel, not from a link; ignored',
      'lib_host: another origin is taken only from the settings panel, not from a link; ignored',
    ]);
  });
  it('the panel may set a mirror on another origin', () => {
    expect(resolveSettings({ modelHost: 'https://hf-mirror.example/' }).settings.modelHost).toBe('https://hf-mirror.example/');
    expect(resolveSettings({ modelHost: 'https://user:pw@hf-mirror.example/' }).settings.modelHost).toBe('https://huggingface.co/');
  });
});

describe('what is stored', () => {
  const store = new Map<string, string>();
  afterEach(() => { vi.unstubAllGlobals(); store.clear(); });
  const stubStorage = () => vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => { store.set(k, v); },
  });

  it('URL parameters win for the visit and are never stored; only the panel’s choices are', () => {
    stubStorage();
    saveSettings({ device: 'off' });
    const loaded = loadSettings('?device=wasm&pool=/pool-100k/&custom_model=a/b');
    expect(loaded.settings).toMatchObject({ device: 'wasm', pool: '/pool-100k/', customModel: 'a/b' });
    expect(loaded.choices).toEqual({ device: 'off' });
    expect(loaded.fromUrl.sort()).toEqual(['customModel', 'device', 'pool']);
    // A panel change adds to the stored choices only.
    saveSettings({ ...loaded.choices, threads: 1 });
    expect(JSON.parse(store.get(SETTINGS_KEY)!)).toEqual({ device: 'off', threads: 1 });
  });

  it('a stored foreign pool (from an older version) is not used', () => {
    stubStorage();
    store.set(SETTINGS_KEY, JSON.stringify({ pool: '//raw.githubusercontent.com/x/pool/', modelHost: 'https://hf-mirror.example/' }));
    const loaded = loadSettings('');
    expect(loaded.settings.pool).toBe('');
    expect(loaded.choices).toEqual({ modelHost: 'https://hf-mirror.example/' });
  });

  it('takes only settings from the stored choices, never an inherited key such as __proto__ or toString', () => {
    stubStorage();
    store.set(SETTINGS_KEY, '{"__proto__":{"device":"wasm"},"toString":"x","constructor":1,"hasOwnProperty":true,"valueOf":null,"device":"off"}');
    const loaded = loadSettings('');
    expect(Object.keys(loaded.choices)).toEqual(['device']);
    expect(loaded.choices).toEqual({ device: 'off' });
    expect(Object.getPrototypeOf(loaded.choices)).toBe(Object.prototype);
    expect(loaded.settings.device).toBe('off');
  });

  it('storage that refuses says so', () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } });
    expect(saveSettings({ device: 'off' })).toBe(false);
  });
});

describe('the servers’ Content Security Policy', () => {
  it('the dev server sends the same policy as the preview server', async () => {
    type Headers = { headers: Record<string, string> };
    const configFor = (await import('../../vite.config')).default as unknown as (env: { mode: string; command: string }) => { server: Headers; preview: Headers };
    const config = configFor({ mode: 'development', command: 'serve' });
    expect(config.server.headers['Content-Security-Policy']).toBe(config.preview.headers['Content-Security-Policy']);
    expect(config.server.headers['Content-Security-Policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  });
  it('the dev server (which serves the project root) refuses .pool-data/ and keeps vite’s own refusals', async () => {
    const { isFileLoadingAllowed, resolveConfig } = await import('vite');
    const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
    const config = await resolveConfig({ configFile: `${root}/vite.config.ts`, logLevel: 'silent' }, 'serve');
    for (const denied of ['.pool-data/pool/profiles.jsonl', '.pool-data/pool-100k/profiles.jsonl', '.fixtures/pool-data/pool/profiles.jsonl', '.env', '.env.local', 'cert.pem', '.git/config']) {
      expect(isFileLoadingAllowed(config, `${root}/${denied}`), denied).toBe(false);
    }
    for (const served of ['index.html', 'public/pool/manifest.json', 'src/main.ts']) {
      expect(isFileLoadingAllowed(config, `${root}/${served}`), served).toBe(true);
    }
  });
  it('of GitHub’s raw content, only web-llm’s model library folder may be fetched', () => {
    expect(MODEL_HOSTS).not.toContain('https://raw.githubusercontent.com');
    expect(MODEL_HOSTS).toContain('https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/');
  });
});
