/**
 * A code's scope on the Codes page (docs/rules.md#scoped-codes): the call
 * types it may authorize, the trunks where it may be used, its validity
 * window and its suspension, each saved through the library's operation and
 * each error shown at the field it names (`scope.trunks[0]` at the trunks).
 */
import {
  type AccountCode,
  type Config,
  clearCodeScope,
  type RequiredCallType,
  resumeCode,
  setCodeScope,
  suspendCode,
} from 'account-codes';
import { useState } from 'preact/hooks';
import { CallTypeChoices } from '../ui/call-types.js';
import {
  FieldMessage,
  type FieldProblem,
  FormProblem,
  invalidProps,
  Report,
} from '../ui/problems.js';
import type { PageProps } from './page.js';

const FIELDS = ['scope.callTypes', 'scope.trunks', 'scope.validFrom', 'scope.validUntil'];

/** The field a problem is shown at: a list's item (`scope.trunks[1]`) at its list. */
function atField(problem: FieldProblem): FieldProblem {
  return { ...problem, field: problem.field.replace(/\[\d+\]$/, '') };
}

interface Draft {
  readonly limitTypes: boolean;
  readonly callTypes: readonly RequiredCallType[];
  readonly limitTrunks: boolean;
  readonly trunks: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
}

function draftOf(entry: AccountCode): Draft {
  return {
    limitTypes: entry.callTypes !== undefined,
    callTypes: entry.callTypes ?? [],
    limitTrunks: entry.trunks !== undefined,
    trunks: entry.trunks ?? [],
    validFrom: entry.validFrom ?? '',
    validUntil: entry.validUntil ?? '',
  };
}

export function ScopeEditor({
  config,
  apply,
  entry,
}: Pick<PageProps, 'apply'> & { config: Config; entry: AccountCode }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [problem, setProblem] = useState<FieldProblem>();
  const [done, setDone] = useState<string>();
  const scope = `scope-${entry.code}`;
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const finish = (
    result: ReturnType<typeof setCodeScope>,
    changed: string,
    unchanged = 'Nothing to change.',
  ) => {
    if (!result.ok) {
      setProblem(atField(result.error));
      setDone(undefined);
      return false;
    }
    setProblem(undefined);
    setDone(result.report.changed ? changed : unchanged);
    apply(result.config);
    return true;
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    // Empty lists and blank instants go to the library as typed, so its error names the field.
    finish(
      setCodeScope(config, entry.code, {
        ...(draft.limitTypes ? { callTypes: draft.callTypes } : {}),
        ...(draft.limitTrunks ? { trunks: draft.trunks } : {}),
        ...(draft.validFrom.trim() === '' ? {} : { validFrom: draft.validFrom.trim() }),
        ...(draft.validUntil.trim() === '' ? {} : { validUntil: draft.validUntil.trim() }),
      }),
      'Scope saved.',
    );
  };
  const onClear = () => {
    if (finish(clearCodeScope(config, entry.code), 'Scope cleared: any call, any trunk, any time.'))
      setDraft(draftOf({ code: entry.code }));
  };
  const suspended = entry.suspended === true;
  const onSuspend = () =>
    finish(
      suspended ? resumeCode(config, entry.code) : suspendCode(config, entry.code),
      suspended ? `Code ${entry.code} resumed.` : `Code ${entry.code} suspended.`,
    );
  const instant = (name: 'validFrom' | 'validUntil', label: string) => {
    const field = `scope.${name}`;
    const id = `${scope}-${name}`;
    const wiring = invalidProps(scope, field, problem);
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input
          id={id}
          class="instant"
          value={draft[name]}
          autocomplete="off"
          onInput={(e) => set({ [name]: e.currentTarget.value })}
          aria-invalid={wiring['aria-invalid']}
          aria-describedby={[wiring['aria-describedby'], `${scope}-instant-hint`]
            .filter(Boolean)
            .join(' ')}
        />
        <FieldMessage scope={scope} field={field} problem={problem} />
      </div>
    );
  };

  return (
    <>
      <div class="suspension">
        <p data-testid="suspension">
          {suspended
            ? 'Suspended: the code stays on the list and in reports, but authorizes and tags nothing.'
            : 'In use.'}
        </p>
        <button type="button" onClick={onSuspend}>
          {suspended ? 'Resume' : 'Suspend'} code {entry.code}
        </button>
      </div>
      <form onSubmit={onSubmit} noValidate aria-label={`Scope of code ${entry.code}`}>
        <p class="hint">
          A caller keying a code outside its scope hears the same wrong-code prompt as for a code
          not on the list; Try a call shows the administrator why.
        </p>
        <FormProblem fields={FIELDS} problem={problem} />
        <fieldset>
          <legend>Call types it may authorize</legend>
          <div class="field check">
            <input
              id={`${scope}-limit-types`}
              type="checkbox"
              checked={draft.limitTypes}
              onChange={(e) => set({ limitTypes: e.currentTarget.checked })}
            />
            <label for={`${scope}-limit-types`}>Only some call types</label>
          </div>
          <CallTypeChoices
            idPrefix={`${scope}-type`}
            disabled={!draft.limitTypes}
            selected={draft.limitTypes ? draft.callTypes : []}
            onChange={(callTypes) => set({ callTypes })}
            invalid={invalidProps(scope, 'scope.callTypes', problem)}
          />
          <p class="hint">
            {draft.limitTypes
              ? 'A gated call is authorized only when every type that made it need a code is selected.'
              : 'Any call type.'}
          </p>
          <FieldMessage scope={scope} field="scope.callTypes" problem={problem} />
        </fieldset>
        <fieldset>
          <legend>Trunks where it may be used</legend>
          <div class="field check">
            <input
              id={`${scope}-limit-trunks`}
              type="checkbox"
              checked={draft.limitTrunks}
              onChange={(e) => set({ limitTrunks: e.currentTarget.checked })}
            />
            <label for={`${scope}-limit-trunks`}>Only some trunks</label>
          </div>
          {config.trunks.map((trunk) => (
            <div class="field check" key={trunk.id}>
              <input
                id={`${scope}-trunk-${trunk.id}`}
                type="checkbox"
                disabled={!draft.limitTrunks}
                checked={draft.limitTrunks && draft.trunks.includes(trunk.id)}
                onChange={(e) =>
                  set({
                    trunks: config.trunks
                      .map((t) => t.id)
                      .filter((id) =>
                        id === trunk.id ? e.currentTarget.checked : draft.trunks.includes(id),
                      ),
                  })
                }
                {...invalidProps(scope, 'scope.trunks', problem)}
              />
              <label for={`${scope}-trunk-${trunk.id}`}>{trunk.id}</label>
            </div>
          ))}
          <FieldMessage scope={scope} field="scope.trunks" problem={problem} />
        </fieldset>
        <fieldset>
          <legend>Validity</legend>
          <p class="hint" id={`${scope}-instant-hint`}>
            ISO-8601 with a time zone, such as 2027-01-31T18:00:00Z. Empty: no limit.
          </p>
          {instant('validFrom', 'Valid from')}
          {instant('validUntil', 'Valid until')}
        </fieldset>
        <div class="buttons">
          <button type="submit">Save scope</button>
          <button type="button" onClick={onClear}>
            Clear scope
          </button>
        </div>
      </form>
      {done !== undefined && <Report>{done}</Report>}
    </>
  );
}
