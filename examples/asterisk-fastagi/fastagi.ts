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
import { createCdrTokens, MIN_CDR_KEY_LENGTH } from './cdr-token.js';
import { type AgiSessionOptions, type AgiSessionOutcome, runAgiSession } from './session.js';

/** Everything a session takes except what the server builds once: the code directory. */
export interface FastAgiServerOptions
  extends Omit<AgiSessionOptions, 'config' | 'directory' | 'lockoutStore' | 'cdrTokens'> {
  /**
   * The lockout ledger (docs/rules.md#lockout). Default: in this process's memory; several
   * servers share one with `openRedisLockoutStore` (`REDIS_URL` in server.ts).
   */
  readonly lockoutStore?: LockoutStore;
  /**
   * The secret that seals an allowed call's record in `ACCOUNT_CODES_CDR`
   * for the call-end session (cdr-token.ts), at least
   * {@link MIN_CDR_KEY_LENGTH} characters. Every FastAGI node behind one host
   * name must share it: the hangup handler may reach another node. Default:
   * a random key per process, so a record opens only in the process that
   * sealed it (a restart in between loses that call's record, reported).
   */
  readonly cdrKey?: string;
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
  const { onSessionEnd, maxConnections, lockoutStore, cdrKey, ...rest } = options;
  if (cdrKey !== undefined && cdrKey.length < MIN_CDR_KEY_LENGTH) {
    return {
      ok: false,
      message: `cdrKey must be at least ${MIN_CDR_KEY_LENGTH} characters (got ${cdrKey.length})`,
    };
  }
  const sessionOptions: AgiSessionOptions = {
    // Alerts go to the log unless the integrator takes them (one JSON line each).
    onAlert: (alert, uniqueId) => rest.log?.(describeAlert(alert, uniqueId)),
    ...rest,
    config,
    directory: built.directory,
    lockoutStore: lockoutStore ?? createMemoryLockoutStore({ clock: Date.now }),
    cdrTokens: createCdrTokens(cdrKey),
  };
  // One session failing (a callback of the integrator's that throws) must
  // never take the server, and every emergency call after it, down.
  const failed = (error: unknown) => {
    try {
      (rest.log ?? console.error)(
        `account-codes: a session failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } catch {
      // The log itself failed: keep serving.
    }
  };
  const server = createServer((socket) => {
    // Prompts and replies are single short lines; send them at once.
    socket.setNoDelay(true);
    runAgiSession(socket, sessionOptions)
      .then((outcome) => onSessionEnd?.(outcome))
      .catch(failed);
  });
  server.maxConnections = maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  return { ok: true, server };
}
