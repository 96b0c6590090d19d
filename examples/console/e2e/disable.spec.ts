import type { Page } from '@playwright/test';
import { expect, goTo, test } from './fixtures.js';

/** Where lab's validateCodes comes from on the SIP Trunks page. */
async function labValidateFrom(page: Page): Promise<string | null> {
  await goTo(page, 'trunks');
  await page.getByRole('button', { name: /on lab: show settings/ }).click();
  return page
    .getByRole('table', { name: 'Effective settings of lab' })
    .locator('tr[data-setting="validateCodes"] td')
    .last()
    .textContent();
}

async function disable(page: Page, answer: 'Keep custom settings' | 'Delete custom settings') {
  await goTo(page, 'disable');
  await page.getByRole('button', { name: 'Disable account codes' }).click();
  const dialog = page.getByRole('dialog', { name: "Keep the trunks' custom settings?" });
  await expect(dialog.getByRole('button', { name: 'Keep custom settings' })).toBeFocused();
  await dialog.getByRole('button', { name: answer }).click();
  await expect(page.getByRole('heading', { name: 'Account codes are off' })).toBeVisible();
}

async function reEnable(page: Page) {
  await page.getByRole('button', { name: 'Re-enable account codes' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'No' }).click();
  await expect(page.getByRole('heading', { name: 'Account codes are on' })).toBeVisible();
}

test.describe('Disable page', () => {
  test('disable keeping custom settings: re-enabling restores them', async ({
    page,
    open,
    axe,
  }) => {
    await open('disable');
    await expect(page.getByTestId('custom-trunks')).toHaveText('lab, legal');
    await disable(page, 'Keep custom settings');
    await expect(page.getByRole('status')).toContainText('Custom settings were kept.');
    await axe();
    await goTo(page, 'trunks');
    await expect(page.locator('tr[data-trunk="hq"]')).toContainText(
      'Inactive: account codes are off for the account',
    );
    await goTo(page, 'disable');
    await reEnable(page);
    await expect(page.getByTestId('custom-trunks')).toHaveText('lab, legal');
    expect(await labValidateFrom(page)).toBe('trunk');
    await expect(page.locator('tr[data-trunk="hq"]')).toContainText('Active');
  });

  test('disable deleting custom settings: after re-enabling every trunk inherits', async ({
    page,
    open,
  }) => {
    await open('disable');
    await disable(page, 'Delete custom settings');
    await expect(page.getByRole('status')).toContainText(
      'Custom settings deleted from: lab, legal.',
    );
    await expect(page.getByTestId('custom-trunks')).toHaveText('none');
    await reEnable(page);
    expect(await labValidateFrom(page)).toBe('account');
  });
});
