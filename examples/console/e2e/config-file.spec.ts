import { readFile } from 'node:fs/promises';
import acme from '../../acme.json' with { type: 'json' };
import { expect, test } from './fixtures.js';

test.describe('the config file', () => {
  test('export writes the CLI format; the state persists across reloads', async ({
    page,
    open,
  }) => {
    await open('trunks');
    await page.getByLabel('Enable account codes on lobby').check();
    await page.reload();
    await expect(page.getByLabel('Enable account codes on lobby')).toBeChecked();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export config file' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported.trunks.find((t: { id: string }) => t.id === 'lobby').accountCodesEnabled).toBe(
      true,
    );
    expect(exported.account.codes).toEqual(acme.account.codes);
  });

  test('a bad file is refused with every problem and its path; nothing changes', async ({
    page,
    open,
    axe,
  }) => {
    await open('account');
    const bad = { ...acme, account: { ...acme.account, codeLength: 9, maxRetries: 0 } };
    await page.getByLabel('Import config file').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const issues = page.locator('#import-issues li');
    await expect(issues.filter({ hasText: 'account.codeLength' }).first()).toBeVisible();
    await expect(issues.filter({ hasText: 'account.maxRetries' }).first()).toBeVisible();
    // Each path once: "account.codeLength must be …", not "account.codeLength: account.codeLength …".
    for (const text of await issues.allTextContents()) expect(text).not.toMatch(/^(\S+): \1 /);
    await expect(page.getByTestId('code-length')).toHaveText('4 digits (fixed once set)');
    await axe();

    await page.getByLabel('Import config file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "account": '),
    });
    await expect(issues).toHaveCount(1);
    await expect(issues).toContainText('not valid JSON');
  });
});
