import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Rules-only engines (device=off): fast and deterministic. */
async function openReady(page: Page, clear = true) {
  await page.goto('/?device=off');
  if (clear) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
  }
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/** Serious and critical axe violations, as readable lines (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const report = await new AxeBuilder({ page }).analyze();
  return report.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** Tab (or Shift+Tab) until the focused element matches `test`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, opts: { back?: boolean; max?: number } = {}) {
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (opts.max ?? 200); i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`no focus on ${selector} after ${opts.max ?? 200} × ${key}`);
}

test('axe: no serious or critical violations before and after a search', async ({ page }) => {
  await openReady(page);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible();
  await expect(page.getByTestId('funnel')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The error state: a refused submit shows the summary and the inline messages.
  await page.getByRole('button', { name: 'Clear form' }).click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard only: a persona is picked with Enter and searched', async ({ page }) => {
  await openReady(page);
  await page.locator('body').focus();
  await tabTo(page, '[data-testid="persona"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('persona').first()).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('persona').nth(1)).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, '[data-testid="find-matches"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('result-card').first()).toBeVisible();
});

test('keyboard only: the whole form filled from empty, then a search shows cards', async ({ page }) => {
  await openReady(page);
  await expect(page.locator('#f-name')).toHaveValue('');
  await page.locator('body').focus();

  await tabTo(page, '#f-name');
  await page.keyboard.type('Kim');
  await page.keyboard.press('Tab');
  await expect(page.locator('#f-age')).toBeFocused();
  await page.keyboard.type('31');
  await page.keyboard.press('Tab');
  await expect(page.locator('#f-gender')).toBeFocused();
  // A closed <select> takes arrow keys: the first option after "Choose…" is Male.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#f-gender')).not.toHaveValue('');
  await page.keyboard.press('Tab');
  await expect(page.locator('#f-city')).toBeFocused();
  await page.keyboard.type('Lisbon');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Portugal');

  await tabTo(page, '#f-languages');
  await page.keyboard.type('English, Deutsch, pt');

  // Interests: Tab to the first chip and tick it with Space; then the next one too.
  await tabTo(page, 'input[name="interests"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.locator('input[name="interests"]:checked')).toHaveCount(2);

  // Pace: a radio group; the arrow keys move the choice.
  await tabTo(page, 'input[name="travel_prefs.pace"]');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('input[name="travel_prefs.pace"]:checked')).toHaveCount(1);

  await tabTo(page, '#f-amount');
  await page.keyboard.type('80');

  // Back and forth: Shift+Tab reaches the languages field again and it kept its text.
  await tabTo(page, '#f-languages', { back: true });
  await expect(page.locator('#f-languages')).toHaveValue('English, Deutsch, pt');

  await tabTo(page, '#f-bio');
  await page.keyboard.type('Slow mornings, long walks.');
  await tabTo(page, '[data-testid="find-matches"]');
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('result-card').first()).toBeVisible();
  // The results region is a polite live region, so screen readers hear the new matches.
  await expect(page.locator('#results')).toHaveAttribute('aria-live', 'polite');
});

test('validation: an invalid age shows its inline message; a refused submit focuses the summary', async ({ page }) => {
  await openReady(page);
  await page.locator('body').focus();
  await tabTo(page, '#f-age');
  await page.keyboard.type('12');
  const ageError = page.locator('[data-testid="field-error"][data-path="age"]');
  await expect(ageError).toBeVisible();
  await expect(ageError).toContainText('18');
  await expect(page.locator('#f-age')).toHaveAttribute('aria-invalid', 'true');

  await tabTo(page, '[data-testid="find-matches"]');
  await page.keyboard.press('Enter');
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.getByTestId('result-card')).toHaveCount(0);

  // The summary's entries are buttons: Enter on the age one moves focus to the field.
  await page.keyboard.press('Tab');
  await tabTo(page, '.error-summary button', { max: 5 });
  const buttons = summary.locator('button');
  const n = await buttons.count();
  for (let i = 0; i < n; i++) {
    if ((await buttons.nth(i).innerText()).toLowerCase().includes('age')) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-age')).toBeFocused();
});

test('the form has a labelled field for every §2.1 setting, the blocklist included', async ({ page }) => {
  await openReady(page);
  const names = [
    'name', 'age', 'gender', 'home_base.city', 'home_base.country', 'privacy.show_home_city',
    'languages', 'interests', 'values',
    'travel_prefs.pace', 'travel_prefs.trip_intentions', 'travel_prefs.accommodation_types',
    'travel_prefs.room_setup', 'travel_prefs.transport_allowed', 'travel_prefs.must_haves',
    'budget.amount', 'budget.currency', 'budget.split_rule',
    'diet_health.diet', 'diet_health.allergies', 'diet_health.accessibility',
    'comfort.smoking', 'comfort.alcohol', 'comfort.chronotype', 'comfort.risk_tolerance',
    'comfort.noise_tolerance', 'comfort.cleanliness_preference',
    'work.remote_work_ok', 'work.hours_online_needed', 'work.wifi_quality_needed',
    'companion.genders_ok', 'companion.age_range', 'companion.min_shared_languages',
    'companion.same_pace', 'companion.dealbreakers', 'companion.blocklist',
    'faith.consider_in_matching', 'faith.religion', 'faith.policy', 'bio',
  ];
  const form = page.getByTestId('profile-form');
  for (const name of names) await expect(form.locator(`[name="${name}"]`).first(), name).toBeVisible();
  await expect(form.locator('input[name="interests"]')).toHaveCount(40);

  // The blocklist: a blocked traveller never shows up.
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  const first = page.getByTestId('result-card').first();
  await expect(first).toBeVisible();
  const blocked = (await first.getAttribute('data-id'))!;
  await page.getByLabel('Blocked travellers (optional)').fill(`${blocked}, `);
  await expect(page.getByLabel('Blocked travellers (optional)')).toHaveValue(`${blocked}, `);
  await page.getByTestId('find-matches').click();
  await expect(page.locator(`[data-testid="result-card"][data-id="${blocked}"]`)).toHaveCount(0);
  await expect(page.getByTestId('result-card').first()).toBeVisible();
});
