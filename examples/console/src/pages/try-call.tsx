/**
 * The Try a call page: pick a trunk, dial, and see the classification, the
 * decision and its reason (docs/rules.md#classification, docs/rules.md#the-decision) — classification first, so 911
 * connects on any trunk, even one the configuration does not have; then play
 * the call through the code-entry machine (docs/rules.md#code-entry) with the keypad, its look-ups
 * counted in the lockout ledger (docs/rules.md#lockout), watching the transcript and the call flow.
 */
import {
  type Classification as CallClassification,
  type CallEvaluation,
  type CallRecord,
  CODE_REFUSALS,
  type Config,
  callRecord,
  type DtmfKey,
  type EntryEvent,
  isTerminal,
  type MidCallState,
  midCallRecord,
} from 'account-codes';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CallFlow } from '../call/call-flow.js';
import { type Call, callerActs, type PlaceCallResult, placeCall } from '../call/session.js';
import { REFUSAL_LABELS } from '../ui/labels.js';
import { FieldMessage, invalidProps } from '../ui/problems.js';
import type { Page, PageProps } from './page.js';

type Props = PageProps & { readonly config: Config };

const KEYS: readonly DtmfKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function classificationText(c: CallClassification): string {
  return [
    c.kind,
    c.categories.length > 0 ? ` (${c.categories.join(', ')})` : '',
    'number' in c ? `: ${c.number}` : '',
    'e164' in c && c.e164 !== undefined ? `, ${c.e164}` : '',
  ].join('');
}

/** The library's evaluation: the classification always, then the decision or the refusal. */
function Evaluation({ evaluation }: { evaluation: CallEvaluation }) {
  return (
    <dl class="fixed" aria-label="Classification and decision">
      <dt>Classification</dt>
      <dd data-testid="classification">{classificationText(evaluation.classification)}</dd>
      {evaluation.ok ? (
        <>
          <dt>Decision</dt>
          <dd data-testid="decision">
            {evaluation.required ? 'code required' : 'no code needed'} (rule{' '}
            {evaluation.decision.rule})
          </dd>
          <dt>Reason</dt>
          <dd data-testid="reason">{evaluation.decision.reason}</dd>
        </>
      ) : (
        <>
          <dt>Decision</dt>
          <dd data-testid="decision">none: the call is refused ({evaluation.error.code})</dd>
          <dt>Reason</dt>
          <dd data-testid="reason">{evaluation.error.message}</dd>
        </>
      )}
    </dl>
  );
}

/** Mid-call tagging (docs/rules.md#mid-call-tagging): its phase, the tag, and the call's budget of incorrect entries. */
function MidCallStatus({ state }: { state: MidCallState }) {
  const record = midCallRecord(state);
  const left = state.options.maxRetries - state.incorrect;
  return (
    <dl class="fixed" aria-label="Mid-call tagging" data-testid="mid-call">
      <dt>Mid-call tagging</dt>
      <dd data-testid="mid-call-phase">
        {state.phase}
        {record.lockedOut && ' (locked out: the star code takes nothing)'}
      </dd>
      <dt>Tag</dt>
      <dd data-testid="mid-call-tag">
        {record.accountCode === null
          ? 'none'
          : `${record.accountCode} (${record.validated ? 'validated' : 'not validated'})`}
      </dd>
      <dt>Budget</dt>
      <dd data-testid="mid-call-budget">
        {left} of {state.options.maxRetries} incorrect entries left on this call
      </dd>
    </dl>
  );
}

/**
 * Why codes were refused on this call (docs/rules.md#scoped-codes), for the
 * administrator: the reasons the transcript's look-up results and the
 * unattended record carry, in words. The caller heard a wrong code each time.
 */
function Refusals({ transcript, record }: { transcript: readonly string[]; record?: CallRecord }) {
  const carried = record?.unattended?.carriedCodeRefused;
  const reasons = CODE_REFUSALS.filter(
    (reason) =>
      reason !== 'not-on-list' &&
      transcript.some((line) => line.startsWith('lookup-result') && line.includes(`(${reason})`)),
  );
  if (carried === undefined && reasons.length === 0) return null;
  return (
    <ul class="refusals" aria-label="Why codes were refused" data-testid="refusals">
      {reasons.map((reason) => (
        <li key={reason} data-reason={reason}>
          A code on the list was refused: {REFUSAL_LABELS[reason]}. The caller heard a wrong code.
        </li>
      ))}
      {carried !== undefined && (
        <li data-reason={carried}>
          The carried code was refused:{' '}
          {carried === 'wrong-length'
            ? 'it has the wrong number of digits'
            : REFUSAL_LABELS[carried]}
          .
        </li>
      )}
    </ul>
  );
}

function CallPanel(props: { call: Call; onAct: (event: EntryEvent) => void }) {
  const { call, onAct } = props;
  const { entry, midCall } = call;
  const over =
    entry !== undefined
      ? isTerminal(entry.state)
      : midCall === undefined || midCall.state.phase === 'ended';
  const record =
    call.unattended !== undefined
      ? call.unattended.record
      : entry === undefined
        ? undefined
        : callRecord(entry.state);
  return (
    <div class="call">
      <div>
        {(entry !== undefined || midCall !== undefined) && (
          <>
            <fieldset class="keypad">
              <legend class="visually-hidden">Keypad</legend>
              {KEYS.map((key) => (
                <button
                  type="button"
                  key={key}
                  disabled={over}
                  aria-label={`Key ${key}`}
                  onClick={() => onAct({ type: 'key', key })}
                >
                  {key}
                </button>
              ))}
            </fieldset>
            <div class="buttons">
              <button type="button" disabled={over} onClick={() => onAct({ type: 'timeout' })}>
                Timeout
              </button>
              <button type="button" disabled={over} onClick={() => onAct({ type: 'hangup' })}>
                Hang up
              </button>
            </div>
          </>
        )}
        <h4 id="transcript-heading">Transcript</h4>
        <ol
          class="transcript"
          aria-labelledby="transcript-heading"
          aria-live="polite"
          data-testid="transcript"
        >
          {call.transcript.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
        {record !== undefined && (
          <p data-testid="record">
            Call record: outcome <strong>{record.outcome}</strong>, code{' '}
            {record.accountCode ?? 'none'}, {record.validated ? 'validated' : 'not validated'},{' '}
            {record.attempts} attempt{record.attempts === 1 ? '' : 's'}
          </p>
        )}
        <Refusals transcript={call.transcript} {...(record === undefined ? {} : { record })} />
        {midCall !== undefined && <MidCallStatus state={midCall.state} />}
      </div>
      <div class="flow">
        <h4>Call flow</h4>
        <CallFlow phase={entry?.state.phase} steps={call.steps} />
      </div>
    </div>
  );
}

function TryCallPage({ config, ledger }: Props) {
  const [trunk, setTrunk] = useState(config.trunks[0]?.id ?? '');
  const [dialed, setDialed] = useState('');
  const [caller, setCaller] = useState('');
  const [unattended, setUnattended] = useState(false);
  const [carriedCode, setCarriedCode] = useState('');
  const [placed, setPlaced] = useState<PlaceCallResult>();
  const latest = useRef<PlaceCallResult>();
  // Placing a call scrolls to its result (below the form, often below the fold); keys do not.
  const result = useRef<HTMLElement>(null);
  const scrollToResult = useRef(false);
  useEffect(() => {
    if (!scrollToResult.current || placed === undefined) return;
    scrollToResult.current = false;
    result.current?.scrollIntoView({ block: 'start' });
  }, [placed]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const scope = 'call';
  const problem = placed?.ok === false ? placed : undefined;
  const call = placed?.ok === true ? placed.call : undefined;
  // One thing at a time, in order: the ledger answers asynchronously, and keys wait for it.
  const settle = (
    next: (current: PlaceCallResult | undefined) => Promise<PlaceCallResult | undefined>,
  ) => {
    queue.current = queue.current.then(async () => {
      latest.current = await next(latest.current);
      setPlaced(latest.current);
    });
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    scrollToResult.current = true;
    settle(() =>
      placeCall(config, ledger.store, {
        trunk,
        dialed,
        caller,
        unattended: unattended && { carriedCode },
      }),
    );
  };
  const onAct = (event: EntryEvent) =>
    settle(async (current) =>
      current?.ok === true ? { ok: true, call: await callerActs(current.call, event) } : current,
    );
  const lockout = config.account.settings.lockout;
  return (
    <>
      <section aria-labelledby="dial-heading">
        <h3 id="dial-heading">Dial</h3>
        <form onSubmit={onSubmit} noValidate>
          <div class="field">
            <label for="call-trunk">Trunk</label>
            <input
              id="call-trunk"
              list="call-trunks"
              value={trunk}
              autocomplete="off"
              onInput={(e) => setTrunk(e.currentTarget.value)}
              {...invalidProps(scope, 'trunk', problem, 'call-trunk-hint')}
            />
            <datalist id="call-trunks">
              {config.trunks.map((t) => (
                <option key={t.id} value={t.id} />
              ))}
            </datalist>
            <p class="hint" id="call-trunk-hint">
              One of {config.trunks.map((t) => t.id).join(', ')}, or any other id: a call on an
              unknown trunk is refused, unless it is an emergency call.
            </p>
            <FieldMessage scope={scope} field="trunk" problem={problem} />
          </div>
          <div class="field">
            <label for="call-dialed">Dialed number</label>
            <input
              id="call-dialed"
              value={dialed}
              autocomplete="off"
              onInput={(e) => setDialed(e.currentTarget.value)}
              {...invalidProps(scope, 'dialed', problem)}
            />
            <FieldMessage scope={scope} field="dialed" problem={problem} />
          </div>
          <div class="field">
            <label for="call-caller">Caller id (optional)</label>
            <input
              id="call-caller"
              value={caller}
              autocomplete="off"
              onInput={(e) => setCaller(e.currentTarget.value)}
              {...invalidProps(scope, 'caller', problem, 'call-caller-hint')}
            />
            <p class="hint" id="call-caller-hint">
              {lockout !== false && lockout.scope === 'caller'
                ? 'Lockout counts per caller id here (scope caller); none counts as the trunk’s anonymous caller.'
                : 'Lockout counts per trunk or account here; the caller id only matters with scope caller.'}
            </p>
            <FieldMessage scope={scope} field="caller" problem={problem} />
          </div>
          <div class="field">
            <label>
              <input
                type="checkbox"
                checked={unattended}
                aria-describedby="call-unattended-hint"
                onChange={(e) => setUnattended(e.currentTarget.checked)}
              />{' '}
              Unattended (forwarded) call
            </label>
            <p class="hint" id="call-unattended-hint">
              Nobody is on the line to key a code: a forwarded, follow-me or transferred call, a fax
              leg. A call that needs a code is settled at once by the code it carries or by
              unattendedCalls.
            </p>
          </div>
          {unattended && (
            <div class="field">
              <label for="call-carried-code">Carried code (optional)</label>
              <input
                id="call-carried-code"
                value={carriedCode}
                autocomplete="off"
                inputMode="numeric"
                aria-describedby="call-carried-code-hint"
                onInput={(e) => setCarriedCode(e.currentTarget.value)}
              />
              <p class="hint" id="call-carried-code-hint">
                The code of the call that caused this one, such as the code a transferring caller
                keyed.
              </p>
            </div>
          )}
          <button type="submit">Place call</button>
        </form>
      </section>
      {problem?.evaluation !== undefined && (
        <section aria-labelledby="result-heading" ref={result}>
          <h3 id="result-heading">
            Refused: {trunk} to {dialed}
          </h3>
          <Evaluation evaluation={problem.evaluation} />
        </section>
      )}
      {call !== undefined && (
        <section aria-labelledby="result-heading" ref={result}>
          <h3 id="result-heading">
            Call on {call.trunk} to {call.dialed}
          </h3>
          <Evaluation evaluation={call.evaluation} />
          <CallPanel call={call} onAct={onAct} />
        </section>
      )}
    </>
  );
}

export const tryCallPage: Page = {
  id: 'try',
  title: 'Try a call',
  needsConfig: true,
  component: TryCallPage,
};
