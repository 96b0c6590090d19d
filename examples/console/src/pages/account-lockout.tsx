/**
 * The Account Codes page's lockout section (docs/rules.md#lockout): the `lockout` setting,
 * saved with `saveAccountSettings`, and the brute-force exposure of the
 * settings being edited, from `lockoutExposure` and `exposureWarnings`. The
 * exposure follows the draft: each change is checked by the same save (not
 * stored), so the figures are the library's for what Save would store.
 */
import {
  type Config,
  DEFAULT_LOCKOUT,
  exposureWarnings,
  LOCKOUT_SCOPE_KINDS,
  type LockoutScopeKind,
  type LockoutSettings,
  lockoutExposure,
  saveAccountSettings,
} from 'account-codes';
import { useEffect, useState } from 'preact/hooks';
import { numberOrText } from '../ui/input.js';
import {
  FieldMessage,
  type FieldProblem,
  FormProblem,
  invalidProps,
  Report,
  Warnings,
} from '../ui/problems.js';
import { isUnder, LOCKOUT_PATH } from '../ui/warnings.js';
import type { PageProps } from './page.js';

const SCOPE_LABELS: Readonly<Record<LockoutScopeKind, string>> = {
  trunk: 'Trunk: one count per trunk',
  caller:
    'Caller: one count per caller id (no caller id counts as the trunk’s anonymous caller); each trunk also locks at 3 × the limit',
  account: 'Account: one count for the whole account (any one user can block everyone)',
};

/** The form's text, as typed: the library checks it, so nothing is rounded or clamped here. */
interface Draft {
  readonly on: boolean;
  readonly maxFailures: string;
  readonly windowMinutes: string;
  readonly scope: LockoutScopeKind;
  readonly adminOnly: boolean;
  readonly unlockAfterMinutes: string;
  readonly maxFailuresPerDay: string;
}

function draftOf(lockout: LockoutSettings | false): Draft {
  const shown = lockout === false ? DEFAULT_LOCKOUT : lockout;
  return {
    on: lockout !== false,
    maxFailures: String(shown.maxFailures),
    windowMinutes: String(shown.windowMinutes),
    scope: shown.scope,
    adminOnly: shown.unlockAfterMinutes === null,
    unlockAfterMinutes: String(shown.unlockAfterMinutes ?? DEFAULT_LOCKOUT.unlockAfterMinutes),
    maxFailuresPerDay: String(shown.maxFailuresPerDay),
  };
}

function lockoutOf(draft: Draft): LockoutSettings | false {
  if (!draft.on) return false;
  return {
    maxFailures: numberOrText(draft.maxFailures),
    windowMinutes: numberOrText(draft.windowMinutes),
    scope: draft.scope,
    unlockAfterMinutes: draft.adminOnly ? null : numberOrText(draft.unlockAfterMinutes),
    maxFailuresPerDay: numberOrText(draft.maxFailuresPerDay),
  };
}

const FIELD = (name: keyof LockoutSettings) => `settings.lockout.${name}`;
const FIELDS = (
  ['maxFailures', 'windowMinutes', 'scope', 'unlockAfterMinutes', 'maxFailuresPerDay'] as const
).map(FIELD);

/** The exposure of `config` in words, with the warnings that go with it. */
function ExposureReport({ config, saved }: { config: Config; saved: boolean }) {
  const exposure = lockoutExposure(config);
  const warnings = exposureWarnings(config);
  return (
    <div class="exposure" data-testid="exposure">
      <h4>Brute-force exposure{saved ? ' (of the saved settings: the form has an error)' : ''}</h4>
      <p>
        {exposure === null
          ? 'No trunk validates codes (tracking mode looks nothing up), so there is nothing to guess.'
          : `An attacker who can place calls finds a valid code in ${exposure.summary}.`}
      </p>
      <Warnings warnings={warnings} label="Warnings about the exposure" />
    </div>
  );
}

export function LockoutSection({ config, apply }: PageProps & { config: Config }) {
  const saved = config.account.settings.lockout;
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [problem, setProblem] = useState<FieldProblem>();
  const [done, setDone] = useState(false);
  useEffect(() => setDraft(draftOf(saved)), [saved]);
  const scope = 'lockout';
  const set = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setDone(false);
  };
  // Saving only the lockout setting changes no trunk, so there is no question to ask.
  const check = saveAccountSettings(config, {
    settings: { lockout: lockoutOf(draft) },
    enableForAllTrunks: false,
  });
  const preview = check.ok ? check.config : config;
  const lockoutWarnings = check.ok
    ? check.report.warnings.filter((warning) => isUnder(warning.path, LOCKOUT_PATH))
    : [];
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!check.ok) {
      setProblem(check.error);
      return;
    }
    setProblem(undefined);
    setDone(true);
    apply(check.config);
  };
  const number = (name: 'maxFailures' | 'windowMinutes' | 'maxFailuresPerDay', label: string) => (
    <div class="field">
      <label for={`lockout-${name}`}>{label}</label>
      <input
        id={`lockout-${name}`}
        type="number"
        value={draft[name]}
        onInput={(e) => set({ [name]: e.currentTarget.value })}
        {...invalidProps(scope, FIELD(name), problem)}
      />
      <FieldMessage scope={scope} field={FIELD(name)} problem={problem} />
    </div>
  );
  return (
    <section aria-labelledby="lockout-heading">
      <h3 id="lockout-heading">Lockout</h3>
      <p class="hint">
        Wrong codes are counted across calls; when a scope reaches the limit in the window, calls
        that need a code on it play “locked-out” and end until it unlocks. Emergency and exempt
        calls are never affected.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <FormProblem fields={FIELDS} problem={problem} />
        <div class="field check">
          <input
            id="lockout-on"
            type="checkbox"
            checked={draft.on}
            onChange={(e) => set({ on: e.currentTarget.checked })}
            aria-describedby="lockout-on-hint"
          />
          <label for="lockout-on">Lock out repeated wrong codes</label>
          <p class="hint" id="lockout-on-hint">
            Off: nothing limits guessing across calls.
          </p>
        </div>
        <fieldset disabled={!draft.on}>
          <legend>Limits</legend>
          {number('maxFailures', 'Wrong codes allowed (1–100)')}
          {number('windowMinutes', 'Counted over the last … minutes (1–10080)')}
          {number('maxFailuresPerDay', 'Wrong codes allowed in any 24 hours (1–1000)')}
          <div class="field">
            <label for="lockout-scope">What one count covers</label>
            <select
              id="lockout-scope"
              value={draft.scope}
              onChange={(e) => set({ scope: e.currentTarget.value as LockoutScopeKind })}
              {...invalidProps(scope, FIELD('scope'), problem)}
            >
              {LOCKOUT_SCOPE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {SCOPE_LABELS[kind]}
                </option>
              ))}
            </select>
            <FieldMessage scope={scope} field={FIELD('scope')} problem={problem} />
          </div>
          <fieldset>
            <legend>Unlock</legend>
            <div class="field check">
              <input
                id="lockout-unlock-timed"
                type="radio"
                name="lockout-unlock"
                checked={!draft.adminOnly}
                onChange={() => set({ adminOnly: false })}
              />
              <label for="lockout-unlock-timed">After a number of minutes</label>
            </div>
            <div class="field">
              <label for="lockout-unlockAfterMinutes">
                Unlock after … minutes (at least the window, at most 10080)
              </label>
              <input
                id="lockout-unlockAfterMinutes"
                type="number"
                value={draft.unlockAfterMinutes}
                disabled={draft.adminOnly}
                onInput={(e) => set({ unlockAfterMinutes: e.currentTarget.value })}
                {...invalidProps(scope, FIELD('unlockAfterMinutes'), problem)}
              />
              <FieldMessage scope={scope} field={FIELD('unlockAfterMinutes')} problem={problem} />
            </div>
            <div class="field check">
              <input
                id="lockout-unlock-admin"
                type="radio"
                name="lockout-unlock"
                checked={draft.adminOnly}
                onChange={() => set({ adminOnly: true })}
              />
              <label for="lockout-unlock-admin">
                Only an administrator unlocks (on the Lockout page)
              </label>
            </div>
          </fieldset>
        </fieldset>
        <Warnings warnings={lockoutWarnings} label="Warnings about the lockout settings" />
        <ExposureReport config={preview} saved={!check.ok} />
        <button type="submit">Save lockout settings</button>
      </form>
      {done && (
        <Report>
          <p>Lockout settings saved. No trunk was changed.</p>
        </Report>
      )}
    </section>
  );
}
