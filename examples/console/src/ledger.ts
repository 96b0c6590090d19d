/**
 * The console's lockout ledger (docs/rules.md#lockout): plain JSON in localStorage, read
 * through parseLedger and changed only by the library's pure functions,
 * applied by `createLedgerStore` at the time the page reads from
 * `Date.now()`. Nothing here counts, locks or unblocks by itself.
 *
 * A tab is one event loop, so read-modify-write on localStorage is atomic
 * for it, which is all `LedgerAccess` asks. A stored value that is not a
 * ledger fails closed: every operation answers `invalid-ledger`, and a
 * validated code-gated call then ends (`ledger-unavailable`) until the
 * administrator starts an empty ledger.
 */
import {
  createLedgerStore,
  emptyLedger,
  type LedgerAccess,
  type LockoutLedger,
  type LockoutStore,
  type LockoutStoreError,
  parseLedger,
} from 'account-codes';

const LEDGER_KEY = 'account-codes-console/lockout-ledger';

/** Where the ledger lives: the browser's storage, or this visit's memory when there is none. */
export interface LedgerHome {
  read(): { ok: true; ledger: LockoutLedger } | { ok: false; error: LockoutStoreError };
  write(ledger: LockoutLedger): void;
}

export function ledgerHome(storage: Storage | undefined): LedgerHome {
  let memory: LockoutLedger = emptyLedger();
  return {
    read() {
      let text: string | null;
      try {
        text = storage === undefined ? null : storage.getItem(LEDGER_KEY);
      } catch {
        text = null;
      }
      if (text === null) return { ok: true, ledger: memory };
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      const parsed = parseLedger(json);
      if (parsed.ok) return { ok: true, ledger: parsed.ledger };
      return { ok: false, error: { ...parsed.error, code: 'invalid-ledger' } };
    },
    write(ledger) {
      memory = ledger;
      try {
        storage?.setItem(LEDGER_KEY, JSON.stringify(ledger));
      } catch {
        // Quota or privacy settings: the ledger lives on in memory for this visit.
      }
    },
  };
}

/** The store the pages use: the library's functions over the stored ledger, at `Date.now()`. */
export function ledgerStore(home: LedgerHome): LockoutStore {
  const access: LedgerAccess = {
    async update(change) {
      const read = home.read();
      if (!read.ok) return read;
      const result = change(read.ledger);
      if (!result.ok) return result;
      if (result.ledger !== read.ledger) home.write(result.ledger);
      return { ok: true, value: result.value };
    },
    async read(query) {
      const read = home.read();
      return read.ok ? query(read.ledger) : read;
    },
  };
  return createLedgerStore(access, Date.now);
}

/** The ledger as the pages get it: where it lives, and the store over it. */
export interface ConsoleLedger {
  readonly home: LedgerHome;
  readonly store: LockoutStore;
}

export function consoleLedger(storage: Storage | undefined): ConsoleLedger {
  const home = ledgerHome(storage);
  return { home, store: ledgerStore(home) };
}
