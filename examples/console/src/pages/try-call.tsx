/**
 * The Try a call page: pick a trunk, dial, and see the classification, the
 * decision and its reason (SPEC §3, §4); then play the call through the
 * code-entry machine (§5) with the keypad, watching the transcript and the
 * call flow.
 */
import { type Config, callRecord, type DtmfKey, isTerminal } from 'account-codes';
import { useState } from 'preact/hooks';
import { CallFlow } from '../call/call-flow.js';
import { type Call, callerActs, placeCall } from '../call/session.js';
import { FieldMessage, type FieldProblem, invalidProps } from '../ui/problems.js';
import type { Page, PageProps } from './page.js';

type Props = PageProps & { readonly config: Config };

const KEYS: readonly DtmfKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function Classification({ call }: { call: Call }) {
  const c = call.classification;
  const d = call.decision;
  return (
    <dl class="fixed" aria-label="Classification and decision">
      <dt>Classification</dt>
      <dd data-testid="classification">
        {c.kind}
        {c.categories.length > 0 && ` (${c.categories.join(', ')})`}
        {'number' in c && `: ${c.number}`}
        {'e164' in c && c.e164 !== undefined && `, ${c.e164}`}
      </dd>
      {d.ok && (
        <>
          <dt>Decision</dt>
          <dd data-testid="decision">
            {d.required ? 'code required' : 'no code needed'} (rule {d.rule})
          </dd>
          <dt>Reason</dt>
          <dd data-testid="reason">{d.reason}</dd>
        </>
      )}
    </dl>
  );
}

function CallPanel({ call, onAct }: { call: Call; onAct: (next: Call) => void }) {
  const entry = call.entry;
  const over = entry === undefined || isTerminal(entry.state);
  const record = entry === undefined ? undefined : callRecord(entry.state);
  return (
    <div class="call">
      <div>
        {entry !== undefined && (
          <>
            <fieldset class="keypad">
              <legend class="visually-hidden">Keypad</legend>
              {KEYS.map((key) => (
                <button
                  type="button"
                  key={key}
                  disabled={over}
                  aria-label={`Key ${key}`}
                  onClick={() => onAct(callerActs(call, { type: 'key', key }))}
                >
                  {key}
                </button>
              ))}
            </fieldset>
            <div class="buttons">
              <button
                type="button"
                disabled={over}
                onClick={() => onAct(callerActs(call, { type: 'timeout' }))}
              >
                Timeout
              </button>
              <button
                type="button"
                disabled={over}
                onClick={() => onAct(callerActs(call, { type: 'hangup' }))}
              >
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
      </div>
      <div class="flow">
        <h4>Call flow</h4>
        <CallFlow phase={entry?.state.phase} steps={call.steps} />
      </div>
    </div>
  );
}

function TryCallPage({ config }: Props) {
  const [trunk, setTrunk] = useState(config.trunks[0]?.id ?? '');
  const [dialed, setDialed] = useState('');
  const [call, setCall] = useState<Call>();
  const [problem, setProblem] = useState<FieldProblem>();
  const scope = 'call';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const placed = placeCall(config, trunk, dialed);
    if (!placed.ok) {
      setProblem(placed);
      setCall(undefined);
      return;
    }
    setProblem(undefined);
    setCall(placed.call);
  };
  return (
    <>
      <section aria-labelledby="dial-heading">
        <h3 id="dial-heading">Dial</h3>
        <form onSubmit={onSubmit} noValidate>
          <div class="field">
            <label for="call-trunk">Trunk</label>
            <select
              id="call-trunk"
              value={trunk}
              onChange={(e) => setTrunk(e.currentTarget.value)}
              {...invalidProps(scope, 'trunk', problem)}
            >
              {config.trunks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id}
                </option>
              ))}
            </select>
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
          <button type="submit">Place call</button>
        </form>
      </section>
      {call !== undefined && (
        <section aria-labelledby="result-heading">
          <h3 id="result-heading">
            Call on {call.trunk} to {call.dialed}
          </h3>
          <Classification call={call} />
          <CallPanel call={call} onAct={setCall} />
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
