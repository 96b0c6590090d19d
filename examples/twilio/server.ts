/**
 * Runs the Twilio example: `npx tsx examples/twilio/server.ts`. See README.md
 * for the environment. Refuses to start without `TWILIO_AUTH_TOKEN` unless
 * `ACCOUNT_CODES_LOCAL_TEST=1` (a fixed, public test token, loopback only).
 */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROMPT_IDS } from 'account-codes';
import { exitWith, loadConfigOrExit } from '../config-file.js';
import { describeAlert, openLockoutStoreOrExit } from '../lockout-store.js';
import { createTwilioApp, type TwilioCallRecord } from './app.js';
import { createTwilioServer } from './http.js';

/** The token local test mode signs with: public, so only ever on loopback. */
const LOCAL_TEST_AUTH_TOKEN = 'local-test-auth-token-not-secret';

const env = process.env;
const localTest = env.ACCOUNT_CODES_LOCAL_TEST === '1';
const port = Number(env.PORT ?? 8080);
const host = localTest ? '127.0.0.1' : (env.HOST ?? '127.0.0.1');
const file = env.ACCOUNT_CODES_CONFIG ?? fileURLToPath(new URL('../acme.json', import.meta.url));

if (!Number.isInteger(port) || port < 0 || port > 65535)
  exitWith(`PORT is not a port: ${env.PORT}`);
const authToken = env.TWILIO_AUTH_TOKEN ?? (localTest ? LOCAL_TEST_AUTH_TOKEN : undefined);
if (authToken === undefined) {
  exitWith(
    'TWILIO_AUTH_TOKEN is not set: without it no request can be verified. ' +
      'Set it to the Auth Token of the Twilio account, or ACCOUNT_CODES_LOCAL_TEST=1 to try it on 127.0.0.1.',
  );
}
const publicUrl =
  env.PUBLIC_URL ?? (localTest && port !== 0 ? `http://127.0.0.1:${port}` : undefined);
if (publicUrl === undefined)
  exitWith('PUBLIC_URL is not set: the https origin Twilio calls, e.g. https://codes.example.com');

const config = loadConfigOrExit(file);
// docs/rules.md#lockout: failures across calls, in memory, or on Redis for several instances (REDIS_URL).
const lockout = await openLockoutStoreOrExit(config, env.REDIS_URL);

const trunks = parseTrunks(env.ACCOUNT_CODES_TRUNKS ?? '');
const records = env.ACCOUNT_CODES_RECORDS;
const onRecord = (record: TwilioCallRecord) => {
  const line = `${JSON.stringify(record)}\n`;
  if (records === undefined) process.stdout.write(line);
  else appendFileSync(records, line);
};
const promptBase = env.ACCOUNT_CODES_PROMPT_BASE_URL;
const promptUrls =
  promptBase === undefined
    ? undefined
    : Object.fromEntries(
        PROMPT_IDS.map((id) => [id, `${promptBase.replace(/\/$/, '')}/${id}.mp3`]),
      );
const app = createTwilioApp({
  config: config,
  authToken,
  publicUrl,
  trunks,
  ...(env.ACCOUNT_CODES_DEFAULT_TRUNK === undefined
    ? {}
    : { defaultTrunk: env.ACCOUNT_CODES_DEFAULT_TRUNK }),
  ...(promptUrls === undefined ? {} : { promptUrls }),
  onRecord,
  // The library's JSON-lines CDR, for `account-codes report --cdr`, appended when each call ends.
  ...(env.ACCOUNT_CODES_CDR === undefined ? {} : { cdr: env.ACCOUNT_CODES_CDR }),
  lockoutStore: lockout.store,
  // Where an integrator picks alerts up: one JSON line each on stderr.
  onAlert: (alert, callSid) => console.error(describeAlert(alert, callSid)),
});
if (!app.ok) exitWith(app.message);
const server = createTwilioServer(app.handle, { log: (line) => console.error(line) });
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.error(
    `account-codes Twilio webhook on http://${host}:${bound}; Voice URL ${publicUrl}/voice (POST), status callback ${publicUrl}/status` +
      `; lockout ledger ${lockout.where}` +
      (localTest ? ' — LOCAL TEST MODE: public test token, loopback only' : ''),
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void lockout.close().then(() => process.exit(0));
  });
}

/** `acme.sip.twilio.com=hq,lab.sip.twilio.com=lab` */
function parseTrunks(text: string): Record<string, string> {
  const trunks: Record<string, string> = {};
  for (const pair of text.split(',').filter((p) => p.trim() !== '')) {
    const [domain, trunk] = pair.split('=').map((part) => part.trim());
    if (!domain || !trunk) exitWith(`ACCOUNT_CODES_TRUNKS: "${pair}" is not domain=trunk`);
    trunks[domain.toLowerCase()] = trunk;
  }
  return trunks;
}
