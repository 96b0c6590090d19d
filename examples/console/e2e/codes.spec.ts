import { readFile } from 'node:fs/promises';
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
    // The list says the line once: "Line 3: the code must be …", not "Line 3: line 3: …".
    await expect(bad.first()).toHaveText(/^Line 3: the code must be /);
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

  test('a code’s scope: call types, trunks, validity and suspension, each error at its field', async ({
    page,
    open,
    axe,
  }) => {
    test.setTimeout(120_000); // axe on a long page, five times, on a shared machine
    await open('codes');
    const row = page.locator('tr[data-code="2001"]');
    const summary = row.getByTestId('scope-summary');
    await expect(summary).toHaveText('Any call, any trunk, any time');
    const edit = page.getByRole('button', { name: 'Edit scope of code 2001' });
    await edit.click();
    await expect(edit).toHaveAttribute('aria-expanded', 'true');
    const form = page.getByRole('form', { name: 'Scope of code 2001' });
    const save = form.getByRole('button', { name: 'Save scope' });

    // Every requirable call type, the seed's three first.
    const groups = form.locator('fieldset.call-type-group');
    await expect(groups.locator('legend')).toHaveText(['Costly calls', 'Other calls']);
    await expect(groups.first().locator('label')).toHaveText([
      'International calls',
      'Premium / toll calls',
      'Directory assistance',
    ]);
    await expect(groups.last().locator('label')).toHaveText([
      'Domestic calls',
      'Calls to mobiles',
      'Toll-free calls',
      'Service codes',
    ]);
    await axe();

    // An empty list is refused at the list: its checkboxes are invalid and described by the message.
    await form.getByLabel('Only some call types').check();
    await save.click();
    const typesError = form.locator('[data-field="scope.callTypes"]');
    await expect(typesError).toHaveAttribute('data-code', 'invalid-value');
    const domestic = form.getByLabel('Domestic calls');
    await expect(domestic).toHaveAttribute('aria-invalid', 'true');
    await expect(domestic).toHaveAttribute(
      'aria-describedby',
      (await typesError.getAttribute('id')) ?? '',
    );
    await axe();
    await domestic.check();
    await form.getByLabel('Toll-free calls').check();

    await form.getByLabel('Only some trunks').check();
    await save.click();
    await expect(form.locator('[data-field="scope.trunks"]')).toHaveAttribute(
      'data-code',
      'invalid-value',
    );
    await expect(form.getByLabel('hq')).toHaveAttribute('aria-invalid', 'true');
    await expect(typesError).toHaveCount(0);
    await form.getByLabel('hq').check();

    const from = form.getByLabel('Valid from');
    const until = form.getByLabel('Valid until');
    await from.fill('tomorrow');
    await save.click();
    await expect(form.locator('[data-field="scope.validFrom"]')).toContainText('scope.validFrom');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await axe();
    await from.fill('2027-02-01T00:00:00Z');
    await until.fill('2027-01-01T00:00:00Z');
    await save.click();
    await expect(form.locator('[data-field="scope.validUntil"]')).toHaveAttribute(
      'data-code',
      'invalid-validity',
    );
    await expect(until).toHaveAttribute('aria-invalid', 'true');
    await expect(from).not.toHaveAttribute('aria-invalid', 'true');
    await until.fill('2027-12-31T23:59:59Z');
    await save.click();
    await expect(page.getByRole('status')).toHaveText('Scope saved.');
    await expect(summary).toHaveText(
      'Only domestic calls, toll-free calls; on hq; from 2027-02-01T00:00:00Z; until 2027-12-31T23:59:59Z',
    );

    await page.reload();
    await expect(summary).toContainText('Only domestic calls, toll-free calls; on hq');
    await page.getByRole('button', { name: 'Edit scope of code 2001' }).click();
    await expect(form.getByLabel('Domestic calls')).toBeChecked();
    await expect(form.getByLabel('International calls')).not.toBeChecked();
    await expect(form.getByLabel('hq')).toBeChecked();
    await expect(form.getByLabel('Valid until')).toHaveValue('2027-12-31T23:59:59Z');

    await page.getByRole('button', { name: 'Suspend code 2001' }).click();
    await expect(summary).toHaveText(/^Suspended; only domestic calls/);
    await expect(page.getByTestId('suspension')).toContainText('Suspended');
    await page.getByRole('button', { name: 'Resume code 2001' }).click();
    await expect(summary).toHaveText(/^Only domestic calls/);

    await form.getByRole('button', { name: 'Clear scope' }).click();
    await expect(summary).toHaveText('Any call, any trunk, any time');
    await expect(form.getByLabel('Only some trunks')).not.toBeChecked();
    await axe();
  });

  test('a code scoped to a trunk that does not validate is warned about, in plain words', async ({
    page,
    open,
  }) => {
    await open('codes');
    await page.getByRole('button', { name: 'Edit scope of code 3100' }).click();
    const form = page.getByRole('form', { name: 'Scope of code 3100' });
    await form.getByLabel('Only some trunks').check();
    await form.getByLabel('lobby').check();
    await form.getByRole('button', { name: 'Save scope' }).click();
    const warnings = page.getByRole('list', { name: 'Warnings about the codes' }).locator('li');
    await expect(
      warnings.and(page.locator('[data-code="scope-without-validating-trunk"]')),
    ).toContainText(
      'Code "3100" is scoped to "lobby", where codes are not validated, so its scope authorizes nothing; add a trunk that validates codes',
    );
    // Friendly text only: no JSON paths (account.codes[4].trunks:) and no identifiers (callTypes).
    for (const text of await warnings.allTextContents()) {
      expect(text).not.toMatch(/\[\d+\]|account\.|\b[a-z]+[A-Z]\w*\b/);
    }
  });

  test('code names are not clipped, and a CSV brings each code’s scope', async ({ page, open }) => {
    await open('codes');
    const long = 'Globex Corporation: patent litigation, EMEA desk';
    const name = page.getByLabel('Name of code 1234');
    await name.fill(long);
    const fits = (input: HTMLInputElement) => input.scrollWidth <= input.clientWidth;
    expect(await name.evaluate(fits)).toBe(true);
    const newName = page.getByLabel('Name (optional, up to 64 characters)');
    await newName.fill(long);
    expect(await newName.evaluate(fits)).toBe(true);

    const csv = page.getByLabel('CSV text');
    await csv.fill(
      'code,name,callTypes,trunks,validFrom,validUntil,suspended\n5001,Scoped,domestic;tollFree,hq,,2027-01-01T00:00:00Z,true\n5002,Nowhere,,attic,,,\n',
    );
    await page.getByRole('button', { name: 'Import codes' }).click();
    const bad = page.getByRole('list', { name: 'Bad rows' }).locator('li');
    await expect(bad).toHaveCount(1);
    await expect(bad).toHaveAttribute('data-line', '3');
    await expect(bad).toContainText('trunks[0]');
    await csv.fill(
      'code,name,callTypes,trunks,validFrom,validUntil,suspended\n5001,Scoped,domestic;tollFree,hq,,2027-01-01T00:00:00Z,true\n',
    );
    await page.getByRole('button', { name: 'Import codes' }).click();
    await expect(page.getByRole('status')).toHaveText('1 code imported.');
    await expect(page.locator('tr[data-code="5001"]').getByTestId('scope-summary')).toHaveText(
      'Suspended; only domestic calls, toll-free calls; on hq; until 2027-01-01T00:00:00Z',
    );

    // The export writes the same columns back, the scope included.
    const file = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export codes (CSV)' }).click();
    const exported = await readFile(await (await file).path(), 'utf8');
    expect(exported.split('\r\n')).toEqual([
      'code,name,callTypes,trunks,validFrom,validUntil,suspended',
      '1234,Acme Corp,,,,,',
      '2001,Globex: patent litigation,,,,,',
      '2002,Globex: general counsel,,,,,',
      '3100,Initech,,,,,',
      '4242,Internal: marketing,,,,,',
      '0420,Internal: facilities,,,,,',
      '5001,Scoped,domestic;tollFree,hq,,2027-01-01T00:00:00Z,true',
      '',
    ]);
  });
});
