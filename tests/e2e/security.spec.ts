import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { searchFirstPersona } from '../support/page';
import { SERVE_DIR } from '../../scripts/make-fixtures';
import { validateProfile } from '../../src/core/profile/validate';
import { BASE } from '../unit/profiles';
import { poolFiles } from '../support/poolFiles';

/**
 * A small pool of hostile and private data, served same-origin as /pool-hostile/: names, cities
 * and bios carrying HTML and script, one candidate hiding a home city, one with a private faith.
 * Every candidate matches the first persona (Lena: 29, de + en, mid budget, balanced).
 */
const XSS_NAME = '<img src=x onerror="window.__xss=1">Mallory';
const XSS_CITY = '<script>window.__xss=2</script>Town';
const HIDDEN_CITY = 'Secretville';
const RELIGION = 'Zoroastrianism';

function writeHostilePool(): void {
  const base = { ...BASE, languages: ['de', 'en'], interests: ['long hikes', 'mountains', 'lakes'], budget: { amount: 110, currency: 'EUR', split_rule: 'each_own' } };
  const raw = [
    { ...base, id: 'c_x1', name: XSS_NAME, home_base: { city: XSS_CITY, country: '<b>bold</b>' }, bio: '<iframe src="javascript:alert(1)"></iframe>' },
    { ...base, id: 'c_x2', name: 'Hidden Hana', home_base: { city: HIDDEN_CITY, country: 'Nowhere' }, privacy: { show_home_city: false } },
    { ...base, id: 'c_x3', name: 'Faithful Fay', faith: { consider_in_matching: true, religion: RELIGION, policy: 'prefer_same' } },
    { ...base, id: 'c_x4', name: 'Plain Pat' },
  ];
  const profiles = raw.map((p) => {
    const v = validateProfile(p);
    if (!v.ok) throw new Error(v.problems.map((x) => x.message).join('; '));
    return v.profile;
  });
  const { manifest, bytes } = poolFiles(profiles);
  const dir = path.join(SERVE_DIR, 'pool-hostile');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pool.bin'), bytes);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}

const search = (page: Page, query: string) => searchFirstPersona(page, query);

function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text()); });
  return seen;
}

test.describe('security', () => {
  test('the app runs under a Content Security Policy without unsafe-inline scripts or eval (WASM models included)', async ({ page }) => {
    test.setTimeout(120_000);
    const violations = watchViolations(page);
    await page.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto('/');
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toMatch(/'unsafe-eval'/);
    // The embedder (ONNX Runtime on WASM) and the ranking chain run under it.
    await search(page, 'device=wasm&embed_model=fixtures/tiny-encoder&wasm_llm=fixtures/tiny-decoder&model_host=/models/');
    await expect(page.getByTestId('similarity-backend')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.locator('[data-testid="engine-step"][data-engine="transformers"]')).toHaveAttribute('data-status', /used|failed/, { timeout: 90_000 });
    await expect(page.getByTestId('engine-used')).not.toContainText('still working', { timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(violations).toEqual([]);
  });

  test('names, cities and bios carrying HTML or script are shown as text; private data never reaches the page', async ({ page }) => {
    writeHostilePool();
    const requests: { url: string; body: string | null }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() }));
    await search(page, 'device=off&pool=/pool-hostile/');
    const cards = page.getByTestId('result-card');
    await expect(cards).toHaveCount(4);
    // Shown literally, never parsed: no injected element, no script ran.
    await expect(page.getByText(XSS_NAME, { exact: false })).toBeVisible();
    await expect(page.getByText(XSS_CITY, { exact: false })).toBeVisible();
    expect(await page.locator('#results img, #results script, #results iframe, #results b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // A hidden home city and anyone's faith are nowhere in the page.
    const html = await page.content();
    expect(html).not.toContain(HIDDEN_CITY);
    expect(html).not.toContain(RELIGION);
    // The query's profile is in no URL and no request body.
    const persona = await page.getByTestId('profile-form').getByLabel(/^name/i).inputValue();
    for (const r of requests) {
      expect(r.url).not.toContain(encodeURIComponent(persona.split(' ')[0]));
      expect(r.url).not.toMatch(/hikes|mountains|Hoffmann/i);
      expect(r.body ?? '').not.toMatch(/Hoffmann|hikes/i);
    }
    expect(new URL(page.url()).search).not.toMatch(/Hoffmann|hikes/i);
  });
});
