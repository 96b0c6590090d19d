/**
 * The SIP Trunks page (docs/rules.md#trunks, docs/rules.md#resolution): the list with each trunk's "Enable
 * account codes" flag, a trunk's custom settings, and its effective settings
 * with the level each value came from.
 */
import {
  addTrunk,
  type Config,
  clearTrunkCustomSettings,
  disableTrunk,
  enableTrunk,
  type RequiredCallType,
  resolveSettings,
  setTrunkCustomSettings,
  type Trunk,
  type TrunkCustomSettings,
} from 'account-codes';
import { useEffect, useState } from 'preact/hooks';
import { CallTypeChoices } from '../ui/call-types.js';
import { callTypesInWords } from '../ui/labels.js';
import {
  FieldMessage,
  type FieldProblem,
  FormProblem,
  invalidProps,
  Report,
  Warnings,
} from '../ui/problems.js';
import { warningsAt } from '../ui/warnings.js';
import type { Page, PageProps } from './page.js';

type Props = PageProps & { readonly config: Config };

function AddTrunkForm({ config, apply }: Props) {
  const [id, setId] = useState('');
  const [problem, setProblem] = useState<FieldProblem>();
  const [added, setAdded] = useState<string>();
  const scope = 'add-trunk';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = addTrunk(config, { id });
    if (!result.ok) {
      setProblem(result.error);
      setAdded(undefined);
      return;
    }
    setProblem(undefined);
    setAdded(result.report.trunkId);
    setId('');
    apply(result.config);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a trunk">
      <FormProblem fields={['id']} problem={problem} />
      <div class="field">
        <label for="trunk-id">New trunk id</label>
        <input
          id="trunk-id"
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
          {...invalidProps(scope, 'id', problem)}
        />
        <FieldMessage scope={scope} field="id" problem={problem} />
      </div>
      <button type="submit">Add trunk</button>
      {added !== undefined && (
        <Report>
          Trunk {added} added, with account codes off (new trunks are never enabled automatically).
        </Report>
      )}
    </form>
  );
}

function status(config: Config, trunk: Trunk): string {
  const resolved = resolveSettings(config, trunk.id);
  if (!resolved.ok) return resolved.error.message;
  if (resolved.active) return 'Active: prompts for codes';
  return resolved.inactiveReason === 'account-disabled'
    ? 'Inactive: account codes are off for the account'
    : 'Inactive: off on this trunk';
}

type Choice = 'inherit' | 'on' | 'off';
const choiceOf = (value: boolean | undefined): Choice =>
  value === undefined ? 'inherit' : value ? 'on' : 'off';
const choiceValue = (choice: Choice): boolean | undefined =>
  choice === 'inherit' ? undefined : choice === 'on';

type BooleanSetting = 'requireForInternalCalls' | 'validateCodes' | 'allowCallAfterMaxRetries';
const BOOLEAN_SETTINGS: readonly { name: BooleanSetting; label: string }[] = [
  { name: 'requireForInternalCalls', label: 'Require for internal calls' },
  { name: 'validateCodes', label: 'Validate account codes' },
  { name: 'allowCallAfterMaxRetries', label: 'Allow call after maximum retries' },
];
const CUSTOM_FIELDS = [
  ...BOOLEAN_SETTINGS.map((s) => `customSettings.${s.name}`),
  'customSettings.requiredCallTypes',
];

function without<K extends keyof TrunkCustomSettings>(
  custom: TrunkCustomSettings,
  name: K,
  value: TrunkCustomSettings[K] | undefined,
): TrunkCustomSettings {
  const { [name]: _old, ...rest } = custom;
  return value === undefined ? rest : { ...rest, [name]: value };
}

function CustomSettingsForm({
  config,
  apply,
  trunk,
}: Pick<Props, 'config' | 'apply'> & { trunk: Trunk }) {
  const stored = trunk.customSettings ?? {};
  const [draft, setDraft] = useState<TrunkCustomSettings>(stored);
  const [problem, setProblem] = useState<FieldProblem>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => setDraft(trunk.customSettings ?? {}), [trunk]);
  const account = config.account.settings;
  const scope = `custom-${trunk.id}`;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = setTrunkCustomSettings(config, trunk.id, draft);
    if (!result.ok) {
      setProblem(result.error);
      setSaved(undefined);
      return;
    }
    setProblem(undefined);
    setSaved(result.report.changed ? 'Custom settings saved.' : 'Nothing to change.');
    apply(result.config);
  };
  const onClear = () => {
    const result = clearTrunkCustomSettings(config, trunk.id);
    if (!result.ok) {
      setProblem({ ...result.error });
      return;
    }
    setProblem(undefined);
    setSaved(
      result.report.changed
        ? 'Custom settings cleared: the trunk inherits everything.'
        : 'The trunk had no custom settings.',
    );
    apply(result.config);
  };
  const types = draft.requiredCallTypes;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Custom settings of ${trunk.id}`}>
      <FormProblem fields={CUSTOM_FIELDS} problem={problem} />
      {BOOLEAN_SETTINGS.map(({ name, label }) => {
        const field = `customSettings.${name}`;
        const id = `${scope}-${name}`;
        // docs/rules.md#trunks: a trunk may turn allowCallAfterMaxRetries off, never on over an account that has it off.
        const forbidden = name === 'allowCallAfterMaxRetries' && !account.allowCallAfterMaxRetries;
        const locked = forbidden && draft[name] !== true;
        const hintId = `${id}-hint`;
        const described = [invalidProps(scope, field, problem)['aria-describedby'], hintId]
          .filter(Boolean)
          .join(' ');
        return (
          <div class="field" key={name}>
            <label for={id}>{label}</label>
            <select
              id={id}
              value={choiceOf(draft[name])}
              disabled={locked}
              aria-describedby={described}
              aria-invalid={problem?.field === field ? true : undefined}
              onChange={(e) =>
                setDraft(without(draft, name, choiceValue(e.currentTarget.value as Choice)))
              }
            >
              <option value="inherit">
                Inherit from the account ({account[name] ? 'on' : 'off'})
              </option>
              <option value="on" disabled={forbidden && draft[name] !== true}>
                On
              </option>
              <option value="off">Off</option>
            </select>
            <p class="hint" id={hintId}>
              {forbidden
                ? 'Only the account can allow calls after the maximum retries: the account has it off, so a trunk cannot turn it on (it may only turn it off).'
                : 'Inherit takes the account’s value; On or Off overrides it on this trunk.'}
            </p>
            <FieldMessage scope={scope} field={field} problem={problem} />
          </div>
        );
      })}
      <fieldset aria-describedby={`${scope}-types-hint`}>
        <legend>Call types that need a code</legend>
        <div class="field check">
          <input
            id={`${scope}-types-custom`}
            type="checkbox"
            checked={types !== undefined}
            onChange={(e) =>
              setDraft(
                without(
                  draft,
                  'requiredCallTypes',
                  e.currentTarget.checked ? account.requiredCallTypes : undefined,
                ),
              )
            }
          />
          <label for={`${scope}-types-custom`}>Customise call types on this trunk</label>
        </div>
        <CallTypeChoices
          idPrefix={`${scope}-type`}
          disabled={types === undefined}
          selected={types ?? account.requiredCallTypes}
          onChange={(selected) => setDraft(without(draft, 'requiredCallTypes', selected))}
        />
        <p class="hint" id={`${scope}-types-hint`}>
          {types === undefined
            ? 'Inherited from the account.'
            : types.length === 0
              ? 'None selected: every external call on this trunk needs a code.'
              : 'Only calls of the selected types need a code on this trunk.'}
        </p>
        <FieldMessage scope={scope} field="customSettings.requiredCallTypes" problem={problem} />
      </fieldset>
      <div class="buttons">
        <button type="submit">Save custom settings</button>
        <button type="button" onClick={onClear}>
          Clear custom settings
        </button>
      </div>
      {saved !== undefined && <Report>{saved}</Report>}
    </form>
  );
}

const SETTING_LABELS: Readonly<Record<string, string>> = {
  requireForInternalCalls: 'Require for internal calls',
  validateCodes: 'Validate account codes',
  allowCallAfterMaxRetries: 'Allow call after maximum retries',
  requiredCallTypes: 'Call types that need a code',
  codeLength: 'Code length',
  maxRetries: 'Maximum retries',
  midCallCode: 'Mid-call code',
};

function show(value: unknown): string {
  if (Array.isArray(value))
    return value.length === 0
      ? 'none: every external call'
      : callTypesInWords(value as RequiredCallType[]);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

function EffectiveSettings({ config, trunk }: { config: Config; trunk: Trunk }) {
  const resolved = resolveSettings(config, trunk.id);
  if (!resolved.ok) return <p class="error">{resolved.error.message}</p>;
  return (
    <>
      <table aria-label={`Effective settings of ${trunk.id}`}>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(resolved.settings) as (keyof typeof resolved.settings)[]).map((name) => (
            <tr key={name} data-setting={name}>
              <th scope="row">{SETTING_LABELS[name] ?? name}</th>
              <td>{show(resolved.settings[name])}</td>
              <td class={`provenance-${resolved.provenance[name]}`}>{resolved.provenance[name]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Warnings warnings={resolved.ignored} label={`Ignored custom settings of ${trunk.id}`} />
    </>
  );
}

function TrunksPage(props: Props) {
  const { config, apply } = props;
  const [selected, setSelected] = useState<string | undefined>(config.trunks[0]?.id);
  const [problem, setProblem] = useState<FieldProblem>();
  const trunk = config.trunks.find((t) => t.id === selected);
  const index = config.trunks.findIndex((t) => t.id === selected);

  const setFlag = (id: string, on: boolean) => {
    const result = on ? enableTrunk(config, id) : disableTrunk(config, id);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    apply(result.config);
  };

  return (
    <>
      <section aria-labelledby="trunk-list-heading">
        <h3 id="trunk-list-heading">Trunks</h3>
        <FormProblem fields={[]} problem={problem} />
        <table>
          <thead>
            <tr>
              <th scope="col">Trunk</th>
              <th scope="col">Enable account codes</th>
              <th scope="col">Status</th>
              <th scope="col">Custom settings</th>
            </tr>
          </thead>
          <tbody>
            {config.trunks.map((t) => (
              <tr key={t.id} data-trunk={t.id}>
                <th scope="row">{t.id}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Enable account codes on ${t.id}`}
                    checked={t.accountCodesEnabled}
                    onChange={(e) => setFlag(t.id, e.currentTarget.checked)}
                  />
                </td>
                <td>{status(config, t)}</td>
                <td>
                  <button
                    type="button"
                    aria-pressed={t.id === selected}
                    onClick={() => setSelected(t.id)}
                  >
                    {t.customSettings === undefined
                      ? 'None'
                      : `${Object.keys(t.customSettings).length} custom`}
                    <span class="visually-hidden"> on {t.id}: show settings</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <AddTrunkForm {...props} />
      </section>
      {trunk !== undefined && (
        <>
          <section aria-labelledby="custom-heading">
            <h3 id="custom-heading">Custom settings of {trunk.id}</h3>
            <Warnings
              warnings={warningsAt(config, ['trunks', index])}
              label={`Warnings about ${trunk.id}`}
            />
            <CustomSettingsForm key={trunk.id} config={config} apply={apply} trunk={trunk} />
          </section>
          <section aria-labelledby="effective-heading">
            <h3 id="effective-heading">Effective settings of {trunk.id}</h3>
            <EffectiveSettings config={config} trunk={trunk} />
          </section>
        </>
      )}
    </>
  );
}

export const trunksPage: Page = {
  id: 'trunks',
  title: 'SIP Trunks',
  needsConfig: true,
  component: TrunksPage,
};
