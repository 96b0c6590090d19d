/**
 * The account's country, dial plan and exempt numbers (docs/rules.md#classification):
 * how dialed strings are read. The library has no operation for them, so the
 * draft goes through parseConfig, the check every config file passes, and
 * each issue is shown at the field its path names.
 */
import { type Config, type ConfigIssue, parseConfig } from 'account-codes';
import { useEffect, useState } from 'preact/hooks';
import { numberOrText } from '../ui/input.js';
import {
  FieldMessage,
  type FieldProblem,
  FormProblem,
  invalidProps,
  Report,
} from '../ui/problems.js';
import type { PageProps } from './page.js';

interface Draft {
  readonly country: string;
  readonly extensionLengths: string;
  readonly ownNumbers: string;
  readonly outsideLinePrefix: string;
  readonly exemptNumbers: string;
}
type Name = keyof Draft;

const FIELD: Readonly<Record<Name, string>> = {
  country: 'country',
  extensionLengths: 'dialPlan.extensionLengths',
  ownNumbers: 'dialPlan.ownNumbers',
  outsideLinePrefix: 'dialPlan.outsideLinePrefix',
  exemptNumbers: 'exemptNumbers',
};
const FIELDS = Object.values(FIELD);

function draftOf(config: Config): Draft {
  const { country, dialPlan, exemptNumbers } = config.account;
  return {
    country,
    extensionLengths: dialPlan.extensionLengths.join(', '),
    ownNumbers: dialPlan.ownNumbers.join('\n'),
    outsideLinePrefix: dialPlan.outsideLinePrefix ?? '',
    exemptNumbers: exemptNumbers.join(', '),
  };
}

/** The items of a list typed with commas, spaces or line breaks between them. */
function items(text: string): string[] {
  return text.split(/[\s,;]+/).filter((item) => item !== '');
}

/** The config with the draft laid over it, as a config file would hold it. */
function withDraft(config: Config, draft: Draft): unknown {
  const { outsideLinePrefix: _old, ...dialPlan } = config.account.dialPlan;
  const prefix = draft.outsideLinePrefix.trim();
  return {
    ...config,
    account: {
      ...config.account,
      country: draft.country.trim(),
      dialPlan: {
        ...dialPlan,
        extensionLengths: items(draft.extensionLengths).map(numberOrText),
        ownNumbers: items(draft.ownNumbers),
        ...(prefix === '' ? {} : { outsideLinePrefix: prefix }),
      },
      exemptNumbers: items(draft.exemptNumbers),
    },
  };
}

/** The issue at the field its path names (`account.dialPlan.ownNumbers[1]` at the own numbers). */
function problemOf(issue: ConfigIssue): FieldProblem {
  const [, first, second] = issue.path;
  const field = first === 'dialPlan' ? `dialPlan.${String(second)}` : String(first);
  return { field, code: issue.code, message: issue.message };
}

export function DialPlanSection({ config, apply }: PageProps & { config: Config }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(config));
  const [problem, setProblem] = useState<FieldProblem>();
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(config)), [config.account]);
  const scope = 'dial-plan';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = parseConfig(withDraft(config, draft));
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      setProblem(issue === undefined ? undefined : problemOf(issue));
      setSaved(false);
      return;
    }
    setProblem(undefined);
    setSaved(true);
    apply(parsed.config);
  };
  const field = (name: Name, label: string, hint: string, multiline = false) => {
    const id = `dial-plan-${name}`;
    const wiring = invalidProps(scope, FIELD[name], problem);
    const control = {
      id,
      value: draft[name],
      autocomplete: 'off',
      'aria-invalid': wiring['aria-invalid'],
      'aria-describedby': [wiring['aria-describedby'], `${id}-hint`].filter(Boolean).join(' '),
      onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
        setDraft({ ...draft, [name]: e.currentTarget.value });
        setSaved(false);
      },
    };
    return (
      <div class="field">
        <label for={id}>{label}</label>
        {multiline ? <textarea rows={3} cols={24} {...control} /> : <input {...control} />}
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
        <FieldMessage scope={scope} field={FIELD[name]} problem={problem} />
      </div>
    );
  };
  return (
    <section aria-labelledby="dial-plan-heading">
      <h3 id="dial-plan-heading">Country and dial plan</h3>
      <form onSubmit={onSubmit} noValidate>
        <FormProblem fields={FIELDS} problem={problem} />
        {field('country', 'Country', 'ISO 3166 alpha-2, in capitals, such as US or GB.')}
        {field(
          'extensionLengths',
          'Extension lengths',
          'Digits in the account’s extensions, 2–6 each, separated by commas. Empty: no extensions.',
        )}
        {field(
          'ownNumbers',
          'The account’s own numbers',
          'In E.164, such as +12125550100, one a line: calls to them are internal.',
          true,
        )}
        {field(
          'outsideLinePrefix',
          'Outside-line prefix',
          'The digit or two dialed for an outside line, such as 9. Empty: none.',
        )}
        {field(
          'exemptNumbers',
          'Exempt numbers',
          'Never need a code, separated by commas (such as 988, 711). Emergency numbers are always exempt.',
        )}
        <button type="submit">Save country and dial plan</button>
      </form>
      {saved && (
        <Report>
          <p>Country and dial plan saved.</p>
        </Report>
      )}
    </section>
  );
}
