/**
 * The console's pages, in navigation order. The lockout page (SPEC §9) joins
 * this list when the lockout ledger lands.
 */
import { accountPage } from './pages/account.js';
import { codesPage } from './pages/codes.js';
import { disablePage } from './pages/disable.js';
import type { Page } from './pages/page.js';
import { trunksPage } from './pages/trunks.js';
import { tryCallPage } from './pages/try-call.js';

export const PAGES: readonly Page[] = [
  accountPage,
  trunksPage,
  codesPage,
  disablePage,
  tryCallPage,
];
