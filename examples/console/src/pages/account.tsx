/**
 * The Account Codes page (docs/rules.md#enabling-the-account, docs/rules.md#account-settings): the one-time enablement, then the
 * account settings, saved with the "enable for all trunks that don't have it
 * yet?" question (docs/rules.md#administrative-operations), and the lockout settings (docs/rules.md#lockout). The page is a
 * list of sections.
 */
import {
  type AccountSettings,
  type Config,
  enableAccountCodes,
  type SaveAccountSettingsReport,
  saveAccountSettings,
} from 'account-codes';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CallTypeChoices } from '../ui/call-types.js';
import { EnableForAllTrunksDialog, trunksOff } from '../ui/enable-all-dialog.js';
import { numberOrText } from '../ui/input.js';
import {
  FieldMessage,
  type FieldProblem,
  FormProblem,
  invalidProps,
  Report,
  Warnings,
} from '../ui/problems.js';
import { isUnder, LOCKOUT_PATH, warningsAt } from '../ui/warnings.js';
import { DialPlanSection } from './account-dial-plan.js';
import { LockoutSection } from './account-lockout.js';
import type { Page, PageProps } from './page.js';

function EnableSection({ config, apply }: PageProps) {
  const [codeLength, setCodeLength] = useState('4');
  const [maxRetries, setMaxRetries] = useState('3');
  const [problem, setProblem] = useState<FieldProblem>();
  if (config !== undefined) {
    return (
      <section aria-labelledby="enablement-heading">
        <h3 id="enablement-heading">Enablement</h3>
        <dl class="fixed">
          <dt>Code length</dt>
          <dd data-testid="code-length">{config.account.codeLength} digits (fixed once set)</dd>
          <dt>Maximum retries</dt>
          <dd data-testid="max-retries">{config.account.maxRetries} (fixed once set)</dd>
        </dl>
      </section>
    );
  }
  const scope = 'enable';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = enableAccountCodes(undefined, {
      codeLength: numberOrText(codeLength),
      maxRetries: numberOrText(maxRetries),
    });
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    apply(result.config);
  };
  return (
    <section aria-labelledby="enablement-heading">
      <h3 id="enablement-heading">Enable account codes</h3>
      <p>
        Code length and maximum retries are set once: every code of the account has exactly this
        many digits.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <FormProblem fields={['codeLength', 'maxRetries']} problem={problem} />
        <div class="field">
          <label for="codeLength">Code length (3–7 digits)</label>
          <input
            id="codeLength"
            type="number"
            value={codeLength}
            onInput={(e) => setCodeLength(e.currentTarget.value)}
            {...invalidProps(scope, 'codeLength', problem)}
          />
          <FieldMessage scope={scope} field="codeLength" problem={problem} />
        </div>
        <div class="field">
          <label for="maxRetries">Maximum retries (1–9)</label>
          <input
            id="maxRetries"
            type="number"
            value={maxRetries}
            onInput={(e) => setMaxRetries(e.currentTarget.value)}
            {...invalidProps(scope, 'maxRetries', problem)}
          />
          <FieldMessage scope={scope} field="maxRetries" problem={problem} />
        </div>
        <button type="submit">Enable account codes</button>
      </form>
    </section>
  );
}

type Flag = 'enabled' | 'requireForInternalCalls' | 'validateCodes' | 'allowCallAfterMaxRetries';

const FLAGS: readonly { name: Flag; label: string; hint: string }[] = [
  { name: 'enabled', label: 'Allow account codes', hint: 'Off: no trunk prompts.' },
  {
    name: 'requireForInternalCalls',
    label: 'Require for internal calls',
    hint: 'Off: internal calls connect; callers may tag them mid-call.',
  },
  {
    name: 'validateCodes',
    label: 'Validate account codes',
    hint: 'On: the code must be on the list (authorization). Off: any digits of the right length pass (tracking).',
  },
  {
    name: 'allowCallAfterMaxRetries',
    label: 'Allow call after maximum retries',
    hint: 'On: after the last incorrect attempt the call proceeds untagged. Off: the call ends.',
  },
];

const SETTING_FIELDS = [
  ...FLAGS.map((flag) => `settings.${flag.name}`),
  'settings.requiredCallTypes',
  'settings.midCallCode',
];

function SettingsSection({ config, apply }: PageProps & { config: Config }) {
  const saved = config.account.settings;
  const [draft, setDraft] = useState<AccountSettings>(saved);
  const [problem, setProblem] = useState<FieldProblem>();
  const [asking, setAsking] = useState<readonly string[] | undefined>();
  const [report, setReport] = useState<SaveAccountSettingsReport>();
  useEffect(() => setDraft(saved), [saved]);
  const scope = 'settings';

  const save = (enableForAllTrunks: boolean) => {
    const result = saveAccountSettings(config, { settings: draft, enableForAllTrunks });
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    setReport(result.report);
    apply(result.config);
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    setReport(undefined);
    // Check first, so an error shows at its field before any question is asked.
    const check = saveAccountSettings(config, { settings: draft, enableForAllTrunks: false });
    if (!check.ok) {
      setProblem(check.error);
      return;
    }
    const off = trunksOff(config);
    if (off.length === 0) save(false);
    else setAsking(off);
  };

  return (
    <section aria-labelledby="settings-heading">
      <h3 id="settings-heading">Settings</h3>
      <Warnings
        warnings={warningsAt(config, ['account']).filter(
          // The lockout section shows the lockout and exposure warnings, the Codes page the weak codes.
          (w) => !isUnder(w.path, LOCKOUT_PATH) && w.code !== 'weak-code',
        )}
        label="Warnings about these settings"
      />
      <form onSubmit={onSubmit} noValidate>
        <FormProblem fields={SETTING_FIELDS} problem={problem} />
        {FLAGS.map(({ name, label, hint }) => (
          <div class="field check" key={name}>
            <input
              id={`setting-${name}`}
              type="checkbox"
              checked={draft[name]}
              onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.checked })}
              {...invalidProps(scope, `settings.${name}`, problem, `setting-${name}-hint`)}
            />
            <label for={`setting-${name}`}>{label}</label>
            <p class="hint" id={`setting-${name}-hint`}>
              {hint}
            </p>
            <FieldMessage scope={scope} field={`settings.${name}`} problem={problem} />
          </div>
        ))}
        <fieldset aria-describedby="call-types-hint">
          <legend>Call types that need a code</legend>
          <CallTypeChoices
            idPrefix="call-type"
            selected={draft.requiredCallTypes}
            onChange={(requiredCallTypes) => setDraft({ ...draft, requiredCallTypes })}
          />
          <p class="hint" id="call-types-hint">
            {draft.requiredCallTypes.length === 0
              ? 'None selected: every external call needs a code.'
              : 'Only calls of the selected types need a code. Select none to require a code on every external call.'}
          </p>
          <FieldMessage scope={scope} field="settings.requiredCallTypes" problem={problem} />
        </fieldset>
        <div class="field">
          <label for="setting-midCallCode">Mid-call code</label>
          <input
            id="setting-midCallCode"
            value={draft.midCallCode}
            onInput={(e) => setDraft({ ...draft, midCallCode: e.currentTarget.value })}
            {...invalidProps(scope, 'settings.midCallCode', problem)}
          />
          <FieldMessage scope={scope} field="settings.midCallCode" problem={problem} />
        </div>
        <button type="submit">Save</button>
      </form>
      <EnableForAllTrunksDialog
        trunks={asking}
        onAnswer={(enableForAllTrunks) => {
          setAsking(undefined);
          if (enableForAllTrunks !== undefined) save(enableForAllTrunks);
        }}
      />
      {report !== undefined && (
        <Report>
          <p>
            Saved.{' '}
            {report.trunksEnabled.length === 0
              ? 'No trunk was changed.'
              : `Account codes turned on for: ${report.trunksEnabled.join(', ')}.`}
          </p>
          <Warnings
            warnings={report.warnings.filter((warning) => warning.path[0] === 'trunks')}
            label="Warnings about trunks"
          />
        </Report>
      )}
    </section>
  );
}

/** The page's sections, top to bottom. */
const SECTIONS: readonly FunctionComponent<PageProps & { config: Config }>[] = [
  SettingsSection,
  DialPlanSection,
  LockoutSection,
];

function AccountPage(props: PageProps) {
  const { config } = props;
  return (
    <>
      <EnableSection {...props} />
      {config !== undefined &&
        SECTIONS.map((Section, index) => <Section key={index} {...props} config={config} />)}
    </>
  );
}

export const accountPage: Page = {
  id: 'account',
  title: 'Account Codes',
  needsConfig: false,
  component: AccountPage,
};
