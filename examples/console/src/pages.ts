/** The console's pages, in navigation order. */
import { accountPage } from './pages/account.js';
import { codesPage } from './pages/codes.js';
import { disablePage } from './pages/disable.js';
import { lockoutPage } from './pages/lockout.js';
import type { Page } from './pages/page.js';
import { trunksPage } from './pages/trunks.js';
import { tryCallPage } from './pages/try-call.js';

export const PAGES: readonly Page[] = [
  accountPage,
  trunksPage,
  codesPage,
  disablePage,
  tryCallPage,
  lockoutPage,
];
