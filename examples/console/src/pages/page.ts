/**
 * What every page of the console is: a module that renders from the current
 * configuration and hands a new one back. The app knows pages only through
 * this shape and the list in pages.ts, so a new page (the lockout ledger,
 * docs/rules.md#lockout) is one more module and one more line there.
 */
import type { Config } from 'account-codes';
import type { FunctionComponent } from 'preact';
import type { ConsoleLedger } from '../ledger.js';

/** What a page gets. */
export interface PageProps {
  /** The current configuration; undefined until account codes are enabled. */
  readonly config: Config | undefined;
  /** Store a configuration an operation returned (it is persisted at once). */
  readonly apply: (config: Config) => void;
  /** The lockout ledger (docs/rules.md#lockout), kept in localStorage. */
  readonly ledger: ConsoleLedger;
}

interface PageBase {
  /** The hash route, such as `trunks` for `#/trunks`. */
  readonly id: string;
  /** The heading and the navigation label. */
  readonly title: string;
}

/**
 * A page of the console. Most need a configuration, and without one the app
 * asks to enable account codes first; the Account Codes page is where one is made.
 */
export type Page =
  | (PageBase & {
      readonly needsConfig: true;
      readonly component: FunctionComponent<PageProps & { readonly config: Config }>;
    })
  | (PageBase & { readonly needsConfig: false; readonly component: FunctionComponent<PageProps> });
