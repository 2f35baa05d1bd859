import { expect, test, type Page } from '@playwright/test';

/**
 * Validation a person reads (issue 15, item 5): the form's field errors are plain sentences that
 * start with the field's label — no internal path ("budget.amount"), no schema words, never the
 * refused value — and state the same limit as the hint next to the field.
 */

/** Rules-only engines (device=off), a fresh form. */
async function openReady(page: Page) {
  await page.goto('/?device=off');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

const fieldError = (page: Page, path: string) => page.locator(`[data-testid="field-error"][data-path="${path}"]`);

test('an out-of-range budget and no language: plain messages at the fields, no search', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('persona').first().click();
  const form = page.getByTestId('profile-form');
  await form.locator('#f-amount').fill('1000000000000');
  await form.locator('#f-languages').fill('');
  await page.getByTestId('find-matches').click();

  await expect(page.getByTestId('error-summary')).toBeVisible();
  await expect(fieldError(page, 'budget.amount')).toHaveText('Budget: enter an amount above 0, up to 100,000.');
  await expect(fieldError(page, 'languages')).toHaveText('Languages: choose at least one language you speak.');
  await expect(page.getByTestId('result-card')).toHaveCount(0);

  // Only these two, and none with an internal path, a schema word or the value typed.
  const messages = await page.getByTestId('field-error').allInnerTexts();
  expect(messages.map((m) => m.trim()).sort()).toEqual([
    'Budget: enter an amount above 0, up to 100,000.',
    'Languages: choose at least one language you speak.',
  ]);
  for (const m of messages) {
    expect(m).not.toMatch(/\b[a-z_]+\.[a-z0-9_]+\b/i);
    expect(m).not.toMatch(/\((languages|budget)\)|\b(items?|enum|string|got|must be)\b/i);
    expect(m).not.toContain('1000000000000');
  }
  // The error summary lists the same sentences.
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('Budget: enter an amount above 0, up to 100,000.');
  await expect(summary).toContainText('Languages: choose at least one language you speak.');

  // The hints next to the fields state the same limits as the messages.
  await expect(page.locator('#h-budget')).toContainText('above 0, up to 100,000');
  await expect(page.locator('#h-languages')).toContainText('at least one');
  await expect(form.locator('#f-amount')).toHaveAttribute('aria-invalid', 'true');

  // Fixed, the messages go and the search runs.
  await form.locator('#f-amount').fill('120');
  await form.locator('#f-languages').fill('English, Deutsch');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible();
});
