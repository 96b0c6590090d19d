/**
 * Runs the Twilio example: `npx tsx examples/twilio/server.ts`. See README.md
 * for the environment. Refuses to start without `TWILIO_AUTH_TOKEN` unless
 * `ACCOUNT_CODES_LOCAL_TEST=1` (a fixed, public test token, loopback only).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from 'account-codes';
import { createTwilioApp, type TwilioCallRecord } from './app.js';
import { createTwilioServer } from './http.js';

/** The token local test mode signs with: public, so only ever on loopback. */
export const LOCAL_TEST_AUTH_TOKEN = 'local-test-auth-token-not-secret';

const env = process.env;
const localTest = env.ACCOUNT_CODES_LOCAL_TEST === '1';
const port = Number(env.PORT ?? 8080);
const host = localTest ? '127.0.0.1' : (env.HOST ?? '127.0.0.1');
const file = env.ACCOUNT_CODES_CONFIG ?? fileURLToPath(new URL('../acme.json', import.meta.url));

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT is not a port: ${env.PORT}`);
const authToken = env.TWILIO_AUTH_TOKEN ?? (localTest ? LOCAL_TEST_AUTH_TOKEN : undefined);
if (authToken === undefined) {
  fail(
    'TWILIO_AUTH_TOKEN is not set: without it no request can be verified. ' +
      'Set it to the Auth Token of the Twilio account, or ACCOUNT_CODES_LOCAL_TEST=1 to try it on 127.0.0.1.',
  );
}
const publicUrl = env.PUBLIC_URL ?? (localTest ? `http://127.0.0.1:${port}` : undefined);
if (publicUrl === undefined)
  fail('PUBLIC_URL is not set: the https origin Twilio calls, e.g. https://codes.example.com');
if (env.REDIS_URL !== undefined) {
  // Fail closed: the operator asked for shared per-call state, which this version does not have.
  fail(
    'REDIS_URL is set, but this version keeps per-call state in memory only; run one instance and unset it',
  );
}

let json: unknown;
try {
  json = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const parsed = parseConfig(json);
if (!parsed.ok) fail(parsed.issues.map((issue) => issue.message).join('\n'));
for (const warning of parsed.warnings) console.error(`warning: ${warning.message}`);

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
        (['enter-code', 'accepted', 'invalid-code', 'wrong-length', 'max-retries'] as const).map(
          (id) => [id, `${promptBase.replace(/\/$/, '')}/${id}.mp3`],
        ),
      );
const app = createTwilioApp({
  config: parsed.config,
  authToken,
  publicUrl,
  trunks,
  ...(env.ACCOUNT_CODES_DEFAULT_TRUNK === undefined
    ? {}
    : { defaultTrunk: env.ACCOUNT_CODES_DEFAULT_TRUNK }),
  ...(promptUrls === undefined ? {} : { promptUrls }),
  onRecord,
});
if (!app.ok) fail(app.message);
const server = createTwilioServer(app.handle, { log: (line) => console.error(line) });
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.error(
    `account-codes Twilio webhook on http://${host}:${bound}; Voice URL ${publicUrl}/voice (POST), status callback ${publicUrl}/status` +
      (localTest ? ' — LOCAL TEST MODE: public test token, loopback only' : ''),
  );
});

/** `acme.sip.twilio.com=hq,lab.sip.twilio.com=lab` */
function parseTrunks(text: string): Record<string, string> {
  const trunks: Record<string, string> = {};
  for (const pair of text.split(',').filter((p) => p.trim() !== '')) {
    const [domain, trunk] = pair.split('=').map((part) => part.trim());
    if (!domain || !trunk) fail(`ACCOUNT_CODES_TRUNKS: "${pair}" is not domain=trunk`);
    trunks[domain.toLowerCase()] = trunk;
  }
  return trunks;
}

function fail(message: string): never {
  console.error(`account-codes: ${message}`);
  process.exit(1);
}
