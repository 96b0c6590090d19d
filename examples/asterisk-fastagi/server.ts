/**
 * Runs the FastAGI example: `npx tsx examples/asterisk-fastagi/server.ts [PORT] [CONFIG]`.
 * PORT defaults to $PORT or 4573 (the FastAGI port), CONFIG to
 * $ACCOUNT_CODES_CONFIG or examples/acme.json. Binds to $HOST or 127.0.0.1.
 * The lockout ledger is in memory, or on Redis when $REDIS_URL is set.
 * $ACCOUNT_CODES_CDR_KEY seals the call records left for the hangup handler
 * (shared by every node behind one host name); unset, a random key per process.
 */
import { fileURLToPath } from 'node:url';
import { exitWith, loadConfigOrExit } from '../config-file.js';
import { openLockoutStoreOrExit } from '../lockout-store.js';
import { createFastAgiServer } from './fastagi.js';

const port = Number(process.argv[2] ?? process.env.PORT ?? 4573);
const host = process.env.HOST ?? '127.0.0.1';
const file =
  process.argv[3] ??
  process.env.ACCOUNT_CODES_CONFIG ??
  fileURLToPath(new URL('../acme.json', import.meta.url));

if (!Number.isInteger(port) || port < 0 || port > 65535) exitWith(`not a port: ${process.argv[2]}`);
const config = loadConfigOrExit(file);

// docs/rules.md#lockout: failures across calls, in memory, or on Redis for several servers (REDIS_URL).
const lockout = await openLockoutStoreOrExit(config, process.env.REDIS_URL);
const created = createFastAgiServer(config, {
  log: (line) => console.error(line),
  lockoutStore: lockout.store,
  // The library's JSON-lines CDR, for `account-codes report --cdr`, appended when each call ends.
  ...(process.env.ACCOUNT_CODES_CDR === undefined ? {} : { cdr: process.env.ACCOUNT_CODES_CDR }),
  ...(process.env.ACCOUNT_CODES_CDR_KEY === undefined
    ? {}
    : { cdrKey: process.env.ACCOUNT_CODES_CDR_KEY }),
});
if (!created.ok) exitWith(created.message);
const { server } = created;
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.error(
    `account-codes FastAGI listening on agi://${host}:${bound}/account-codes (${file}); lockout ledger ${lockout.where}`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void lockout.close().then(() => process.exit(0));
  });
}
