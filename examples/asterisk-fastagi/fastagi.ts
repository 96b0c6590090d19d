/**
 * The FastAGI server: a TCP listener that runs one {@link runAgiSession} per
 * connection. Separate from server.ts so tests can start it on port 0.
 */
import { createServer, type Server } from 'node:net';
import {
  type Config,
  createCodeDirectory,
  createMemoryLockoutStore,
  type LockoutStore,
} from 'account-codes';
import { describeAlert } from '../lockout-store.js';
import { type AgiSessionOptions, type AgiSessionOutcome, runAgiSession } from './session.js';

/** Everything a session takes except what the server builds once: the code directory. */
export interface FastAgiServerOptions
  extends Omit<AgiSessionOptions, 'config' | 'directory' | 'lockoutStore'> {
  /**
   * The lockout ledger (docs/rules.md#lockout). Default: in this process's memory; several
   * servers share one with `openRedisLockoutStore` (`REDIS_URL` in server.ts).
   */
  readonly lockoutStore?: LockoutStore;
  /** Called after each session, with what it did. */
  readonly onSessionEnd?: (outcome: AgiSessionOutcome) => void;
  /**
   * Most sessions at once; further connections are closed at once, so Asterisk's
   * `AGI()` fails and the dialplan (which dials only on `ACCOUNT_CODES_ALLOW`)
   * hangs up. Default {@link DEFAULT_MAX_CONNECTIONS}.
   */
  readonly maxConnections?: number;
}

/** Default connection cap: one per concurrent outbound call being gated. */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** {@link createFastAgiServer}'s answer. */
export type CreateFastAgiServerResult =
  | { readonly ok: true; readonly server: Server }
  | { readonly ok: false; readonly message: string };

/**
 * A FastAGI server for one account's configuration, not yet listening. The
 * code list is loaded into a directory once, so a look-up costs no I/O
 * beyond the lockout ledger's.
 *
 * @example
 * ```ts
 * const created = createFastAgiServer(config, { log: console.error });
 * if (created.ok) created.server.listen(4573);
 * ```
 */
export function createFastAgiServer(
  config: Config,
  options: FastAgiServerOptions = {},
): CreateFastAgiServerResult {
  const built = createCodeDirectory(config.account.codes, config.account.codeLength);
  if (!built.ok) return { ok: false, message: built.error.message };
  const { onSessionEnd, maxConnections, lockoutStore, ...rest } = options;
  const sessionOptions: AgiSessionOptions = {
    // Alerts go to the log unless the integrator takes them (one JSON line each).
    onAlert: (alert, uniqueId) => rest.log?.(describeAlert(alert, uniqueId)),
    ...rest,
    config,
    directory: built.directory,
    lockoutStore: lockoutStore ?? createMemoryLockoutStore({ clock: Date.now }),
  };
  const server = createServer((socket) => {
    // Prompts and replies are single short lines; send them at once.
    socket.setNoDelay(true);
    void runAgiSession(socket, sessionOptions).then((outcome) => onSessionEnd?.(outcome));
  });
  server.maxConnections = maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  return { ok: true, server };
}
