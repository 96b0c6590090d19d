import acme from '../../acme.json' with { type: 'json' };
import { expect, test, trunkFlags } from './fixtures.js';

test.describe('SIP Trunks page', () => {
  test('a trunk is enabled and disabled by its checkbox, and the change persists', async ({
    page,
    open,
    axe,
  }) => {
    await open('trunks');
    const lobby = page.locator('tr[data-trunk="lobby"]');
    await expect(lobby).toContainText('Inactive: off on this trunk');
    await page.getByLabel('Enable account codes on lobby').check();
    await expect(lobby).toContainText('Active: prompts for codes');
    await page.reload();
    expect(await trunkFlags(page)).toEqual({ hq: true, lab: true, legal: true, lobby: true });
    await page.getByLabel('Enable account codes on hq').uncheck();
    expect(await trunkFlags(page)).toEqual({ hq: false, lab: true, legal: true, lobby: true });
    await axe();
  });

  test('effective settings show where each value comes from; an override saves and clears', async ({
    page,
    open,
  }) => {
    await open('trunks');
    await page.getByRole('button', { name: /on lab: show settings/ }).click();
    const effective = page.getByRole('table', { name: 'Effective settings of lab' });
    const validate = effective.locator('tr[data-setting="validateCodes"]');
    await expect(validate).toContainText('off');
    await expect(validate.locator('td').last()).toHaveText('trunk');
    await expect(effective.locator('tr[data-setting="requiredCallTypes"] td').last()).toHaveText(
      'account',
    );

    const form = page.getByRole('form', { name: 'Custom settings of lab' });
    await form.getByLabel('Validate account codes').selectOption('inherit');
    await form.getByRole('button', { name: 'Save custom settings' }).click();
    await expect(form.getByRole('status')).toHaveText('Custom settings saved.');
    await expect(validate).toContainText('on');
    await expect(validate.locator('td').last()).toHaveText('account');

    await form.getByLabel('Customise call types on this trunk').check();
    await form.getByLabel('International calls').uncheck();
    await form.getByLabel('Premium / toll calls').uncheck();
    await expect(
      form.getByText('None selected: every external call on this trunk needs a code.'),
    ).toBeVisible();
    await form.getByRole('button', { name: 'Save custom settings' }).click();
    const types = effective.locator('tr[data-setting="requiredCallTypes"]');
    await expect(types).toContainText('none: every external call');
    await expect(types.locator('td').last()).toHaveText('trunk');

    await form.getByRole('button', { name: 'Clear custom settings' }).click();
    await expect(types.locator('td').last()).toHaveText('account');
    await expect(page.locator('tr[data-trunk="lab"]')).toContainText('None');
  });

  test('allowCallAfterMaxRetries cannot be turned on over an account that has it off, and says why', async ({
    page,
    open,
    axe,
  }) => {
    await open('trunks');
    await page.getByRole('button', { name: /on legal: show settings/ }).click();
    const control = page
      .getByRole('form', { name: 'Custom settings of legal' })
      .getByLabel('Allow call after maximum retries');
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(
      /the account has it off, so a trunk cannot turn it on/,
    );
    await axe();
  });

  test('a stored override the account forbids is ignored, and saving it is refused at its field', async ({
    page,
    open,
    axe,
  }) => {
    await open('trunks');
    const edited = {
      ...acme,
      trunks: [
        ...acme.trunks,
        {
          id: 'sales',
          accountCodesEnabled: true,
          customSettings: { allowCallAfterMaxRetries: true },
        },
      ],
    };
    await page.getByLabel('Import config file').setInputFiles({
      name: 'edited.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    await expect(page.getByRole('status')).toHaveText('Imported edited.json.');
    await page.getByRole('button', { name: /on sales: show settings/ }).click();
    // In the page's words: no JSON path, the setting by its label.
    await expect(page.getByRole('list', { name: 'Warnings about sales' })).toContainText(
      'The trunk turns “Allow call after maximum retries” on, but the account has it off',
    );
    const effective = page.getByRole('table', { name: 'Effective settings of sales' });
    const allow = effective.locator('tr[data-setting="allowCallAfterMaxRetries"]');
    await expect(allow).toContainText('off');
    await expect(allow.locator('td').last()).toHaveText('account');

    const form = page.getByRole('form', { name: 'Custom settings of sales' });
    const control = form.getByLabel('Allow call after maximum retries');
    await expect(control).toBeEnabled(); // so the administrator can correct it
    await form.getByRole('button', { name: 'Save custom settings' }).click();
    const error = form.locator('[data-field="customSettings.allowCallAfterMaxRetries"]');
    await expect(error).toHaveAttribute('data-code', 'override-not-allowed');
    await expect(control).toHaveAttribute('aria-invalid', 'true');
    await axe();

    await control.selectOption('off');
    await form.getByRole('button', { name: 'Save custom settings' }).click();
    await expect(error).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Warnings about sales' })).toHaveCount(0);
  });

  test('adding a trunk: new trunks start off; a duplicate id is refused at the field', async ({
    page,
    open,
  }) => {
    await open('trunks');
    const id = page.getByLabel('New trunk id');
    await id.fill('hq');
    await page.getByRole('button', { name: 'Add trunk' }).click();
    await expect(page.locator('[data-field="id"]')).toHaveAttribute(
      'data-code',
      'duplicate-trunk-id',
    );
    await expect(id).toHaveAttribute('aria-invalid', 'true');
    await id.fill('branch');
    await page.getByRole('button', { name: 'Add trunk' }).click();
    await expect(page.getByLabel('Enable account codes on branch')).not.toBeChecked();
  });

  test('a trunk’s call types: every type, grouped, the seed’s three first; its warnings in plain words', async ({
    page,
    open,
    axe,
  }) => {
    await open('trunks');
    await page.getByRole('button', { name: /on lab: show settings/ }).click();
    const form = page.getByRole('form', { name: 'Custom settings of lab' });
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
    await expect(form.getByLabel('Calls to mobiles')).toBeDisabled(); // inherited
    await form.getByLabel('Customise call types on this trunk').check();
    await form.getByLabel('Calls to mobiles').check();
    await form.getByLabel('Service codes').check();
    await form.getByRole('button', { name: 'Save custom settings' }).click();
    const types = page
      .getByRole('table', { name: 'Effective settings of lab' })
      .locator('tr[data-setting="requiredCallTypes"]');
    await expect(types.locator('td').first()).toHaveText(
      'international calls, premium / toll calls, calls to mobiles, service codes',
    );
    await expect(types.locator('td').last()).toHaveText('trunk');

    // lab does not validate, so requiring types there is a trap: said with the page's labels.
    const warnings = page.getByRole('list', { name: 'Warnings about lab' }).locator('li');
    await expect(warnings).toHaveAttribute('data-code', 'required-types-without-validation');
    await expect(warnings).toContainText('“Validate account codes” is off');
    for (const text of await warnings.allTextContents()) {
      expect(text).not.toMatch(/\[\d+\]|trunks\.|\b[a-z]+[A-Z]\w*\b/);
    }
    await axe();
  });
});
