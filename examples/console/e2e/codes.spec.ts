import { expect, test } from './fixtures.js';

test.describe('Codes page', () => {
  test('add, rename and remove a code; each error lands at its field', async ({
    page,
    open,
    axe,
  }) => {
    await open('codes');
    const rows = page.locator('tbody tr[data-code]');
    await expect(rows).toHaveCount(6);

    const code = page.getByLabel('Code (4 digits)');
    await code.fill('123');
    await page.getByRole('button', { name: 'Add code' }).click();
    await expect(page.locator('[data-field="code"]')).toHaveText(
      'code must be a string of exactly 4 ASCII digits (account.codeLength); got "123"',
    );
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await axe();

    await code.fill('1234');
    await page.getByRole('button', { name: 'Add code' }).click();
    await expect(page.locator('[data-field="code"]')).toHaveAttribute(
      'data-code',
      'duplicate-code',
    );

    await code.fill('5001');
    await page.getByLabel('Name (optional, up to 64 characters)').fill('Umbrella');
    await page.getByRole('button', { name: 'Add code' }).click();
    await expect(rows).toHaveCount(7);
    await expect(page.getByRole('status')).toHaveText('Code 5001 added.');

    const name = page.getByLabel('Name of code 5001');
    await expect(name).toHaveValue('Umbrella');
    await name.fill('x'.repeat(65));
    await page.getByRole('button', { name: 'Rename code 5001' }).click();
    const error = page.locator('tr[data-code="5001"] [data-field="name"]');
    await expect(error).toHaveAttribute('data-code', 'name-too-long');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await name.fill('Umbrella Corp');
    await page.getByRole('button', { name: 'Rename code 5001' }).click();
    await expect(error).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('Name of code 5001')).toHaveValue('Umbrella Corp');

    await page.getByRole('button', { name: 'Remove code 5001' }).click();
    await expect(rows).toHaveCount(6);
    await expect(page.locator('tr[data-code="5001"]')).toHaveCount(0);
  });

  test('a CSV import with bad rows lists every one by line and adds nothing', async ({
    page,
    open,
    axe,
  }) => {
    await open('codes');
    const rows = page.locator('tbody tr[data-code]');
    const csv = page.getByLabel('CSV text');
    await csv.fill(
      'code,name\n5001,Umbrella\n501,Too short\n1234,Already there\n5001,Twice\n5002,"Acme, Inc.",extra\n',
    );
    await page.getByRole('button', { name: 'Import codes' }).click();
    const bad = page.getByRole('list', { name: 'Bad rows' }).locator('li');
    await expect(bad).toHaveCount(4);
    expect(
      await bad.evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-line')} ${li.getAttribute('data-reason')}`),
      ),
    ).toEqual(['3 invalid-code', '4 duplicate-code', '5 duplicate-in-file', '6 too-many-columns']);
    await expect(bad.first()).toContainText('Line 3:');
    await expect(csv).toHaveAttribute('aria-invalid', 'true');
    await expect(rows).toHaveCount(6); // all or nothing
    await axe();

    await csv.fill('CODE,NAME\n5001,Umbrella\n5002,"Acme, Inc."\n');
    await page.getByRole('button', { name: 'Import codes' }).click();
    await expect(page.getByRole('status')).toHaveText('2 codes imported.');
    await expect(rows).toHaveCount(8);
    await expect(page.getByLabel('Name of code 5002')).toHaveValue('Acme, Inc.');
  });

  test('a CSV without the header row is refused at the CSV field', async ({ page, open }) => {
    await open('codes');
    await page.getByLabel('CSV file').setInputFiles({
      name: 'codes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('5001,Umbrella\n'),
    });
    await expect(page.getByLabel('CSV text')).toHaveValue('5001,Umbrella\n');
    await page.getByRole('button', { name: 'Import codes' }).click();
    await expect(page.locator('[data-field="csv"]')).toHaveAttribute(
      'data-code',
      'invalid-csv-header',
    );
  });
});
