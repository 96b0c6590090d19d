/**
 * The Lockout page (docs/rules.md#administration): the scopes with failures in the
 * window or a lock, from `listScopes`, with an Unblock per scope and Unblock
 * all, through `unblockScopes`. The ledger is the console's (localStorage),
 * the one Try a call counts in; the time is the page's `Date.now()`.
 */
import {
  type Config,
  emptyLedger,
  type LockoutStoreError,
  type ScopeKey,
  type ScopeStatus,
  type UnblockTarget,
} from 'account-codes';
import { useEffect, useState } from 'preact/hooks';
import { QuestionDialog } from '../ui/dialog.js';
import { Report } from '../ui/problems.js';
import type { Page, PageProps } from './page.js';

type Props = PageProps & { readonly config: Config };

/** What Unblock on this row clears: the key itself (a trunk's key also clears its callers'). */
function targetOf(key: ScopeKey): UnblockTarget {
  switch (key.kind) {
    case 'account':
      return { kind: 'all' };
    case 'trunk':
      return { kind: 'trunk', trunkId: key.trunkId ?? '' };
    case 'caller':
      // The trunk's anonymous caller has no caller id to name: it is cleared with its trunk.
      return key.callerId === null
        ? { kind: 'trunk', trunkId: key.trunkId ?? '' }
        : { kind: 'caller', callerId: key.callerId, trunkId: key.trunkId ?? '' };
    default:
      return key.kind satisfies never;
  }
}

function scopeName(key: ScopeKey): string {
  switch (key.kind) {
    case 'account':
      return 'the whole account';
    case 'trunk':
      return `trunk ${key.trunkId}`;
    case 'caller':
      return `caller ${key.callerId ?? '(anonymous)'} on trunk ${key.trunkId}`;
    default:
      return key.kind satisfies never;
  }
}

function unblockLabel(target: UnblockTarget): string {
  switch (target.kind) {
    case 'all':
      return 'every scope of the account';
    case 'trunk':
      return `trunk ${target.trunkId} and every caller on it`;
    case 'caller':
      return `caller ${target.callerId} on trunk ${target.trunkId}`;
    default:
      return target satisfies never;
  }
}

function time(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

type Listing =
  | { readonly ok: true; readonly scopes: readonly ScopeStatus[] }
  | { readonly ok: false; readonly error: LockoutStoreError };

function LockoutTable(props: {
  scopes: readonly ScopeStatus[];
  onUnblock: (target: UnblockTarget) => void;
}) {
  const { scopes, onUnblock } = props;
  if (scopes.length === 0) {
    return (
      <p data-testid="no-scopes">No scope has wrong codes in the window, and none is locked.</p>
    );
  }
  return (
    <table data-testid="scopes">
      <caption class="visually-hidden">Scopes with failures or locks</caption>
      <thead>
        <tr>
          <th scope="col">Scope</th>
          <th scope="col">State</th>
          <th scope="col">Failures / limit</th>
          <th scope="col">Unlocks</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {scopes.map((status) => {
          const name = scopeName(status.key);
          return (
            <tr
              key={JSON.stringify(status.key)}
              data-scope={`${status.key.kind}:${status.key.trunkId ?? ''}:${status.key.callerId ?? ''}`}
              data-locked={status.locked}
            >
              <th scope="row">{name}</th>
              <td>{status.locked ? <strong>locked</strong> : 'counting'}</td>
              <td>
                <span data-window>
                  {status.failures} / {status.limit}
                </span>
                {status.open > 0 && ` (${status.open} look-up${status.open === 1 ? '' : 's'} open)`}
                <br />
                <span data-daily>
                  {status.failuresToday} / {status.dailyLimit} in 24 hours
                </span>
              </td>
              <td>
                {!status.locked
                  ? '—'
                  : status.unlocksAt === null
                    ? 'only when an administrator unblocks'
                    : time(status.unlocksAt)}
                {status.reason === 'daily' && ' (daily budget)'}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Unblock ${name}`}
                  onClick={() => onUnblock(targetOf(status.key))}
                >
                  Unblock
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function LockoutPage({ config, ledger }: Props) {
  const settings = config.account.settings.lockout;
  const accountId = config.account.id ?? null;
  const [listing, setListing] = useState<Listing>();
  const [asking, setAsking] = useState<UnblockTarget>();
  const [report, setReport] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const refresh = () => setGeneration((g) => g + 1);

  useEffect(() => {
    if (settings === false) return;
    let current = true;
    void ledger.store.list({ settings, accountId }).then((listed) => {
      if (!current) return;
      setListing(listed.ok ? { ok: true, scopes: listed.value } : listed);
    });
    return () => {
      current = false;
    };
  }, [ledger, settings, accountId, generation]);

  if (settings === false) {
    return (
      <section aria-labelledby="lockout-off-heading">
        <h3 id="lockout-off-heading">Lockout is off</h3>
        <p>
          Nothing counts wrong codes across calls, so there is nothing to unblock. Turn lockout on
          on the <a href="#/account">Account Codes</a> page.
        </p>
      </section>
    );
  }

  const unblock = async (target: UnblockTarget) => {
    const done = await ledger.store.unblock({ settings, accountId, target });
    setReport(
      done.ok
        ? done.value.cleared.length === 0
          ? 'Nothing to unblock.'
          : `Unblocked: ${done.value.cleared.map((s) => scopeName(s.key)).join(', ')}.`
        : `Not unblocked: ${done.error.message}`,
    );
    refresh();
  };

  return (
    <section aria-labelledby="scopes-heading">
      <h3 id="scopes-heading">Locked scopes and scopes with wrong codes</h3>
      <p class="hint">
        At most {settings.maxFailures} wrong codes per {settings.scope} in {settings.windowMinutes}{' '}
        minutes, and {settings.maxFailuresPerDay} in any 24 hours (a scope at that budget stays
        locked until its oldest wrong code of the day is 24 hours old);{' '}
        {settings.unlockAfterMinutes === null
          ? 'a lock lasts until an administrator unblocks it.'
          : `a lock lasts ${settings.unlockAfterMinutes} minutes (twice as long when it recurs within 24 hours, up to 7 days).`}{' '}
        Unblocking clears a scope’s lock and its wrong codes.
      </p>
      <div class="buttons toolbar">
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        <button
          type="button"
          onClick={() => setAsking({ kind: 'all' })}
          disabled={listing?.ok !== true || listing.scopes.length === 0}
        >
          Unblock all
        </button>
      </div>
      {listing === undefined ? (
        <p>Reading the ledger…</p>
      ) : listing.ok ? (
        <LockoutTable scopes={listing.scopes} onUnblock={setAsking} />
      ) : (
        <div class="error" role="alert" data-code={listing.error.code}>
          <p>
            The lockout ledger cannot be read, so calls that need a validated code end:{' '}
            {listing.error.message}
          </p>
          <button
            type="button"
            onClick={() => {
              ledger.home.write(emptyLedger());
              setReport('An empty ledger was started.');
              refresh();
            }}
          >
            Start an empty ledger
          </button>
        </div>
      )}
      {report !== undefined && (
        <Report>
          <p>{report}</p>
        </Report>
      )}
      <QuestionDialog
        open={asking !== undefined}
        title="Unblock?"
        detail={
          asking === undefined
            ? ''
            : `This clears the lock and the wrong codes of ${unblockLabel(asking)}; calls there can enter codes again at once.`
        }
        answers={[{ value: 'unblock', label: 'Unblock' }]}
        onAnswer={(answer) => {
          const target = asking;
          setAsking(undefined);
          if (answer === 'unblock' && target !== undefined) void unblock(target);
        }}
      />
    </section>
  );
}

export const lockoutPage: Page = {
  id: 'lockout',
  title: 'Lockout',
  needsConfig: true,
  component: LockoutPage,
};
