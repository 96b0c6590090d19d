/**
 * Runs the FastAGI example: `npx tsx examples/asterisk-fastagi/server.ts [PORT] [CONFIG]`.
 * PORT defaults to $PORT or 4573 (the FastAGI port), CONFIG to
 * $ACCOUNT_CODES_CONFIG or examples/acme.json. Binds to $HOST or 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig } from 'account-codes';
import { createFastAgiServer } from './fastagi.js';

const port = Number(process.argv[2] ?? process.env.PORT ?? 4573);
const host = process.env.HOST ?? '127.0.0.1';
const file =
  process.argv[3] ??
  process.env.ACCOUNT_CODES_CONFIG ??
  fileURLToPath(new URL('../acme.json', import.meta.url));

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`not a port: ${process.argv[2]}`);
let json: unknown;
try {
  json = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const parsed = parseConfig(json);
if (!parsed.ok) fail(parsed.issues.map((issue) => issue.message).join('\n'));
for (const warning of parsed.warnings) console.error(`warning: ${warning.message}`);

const created = createFastAgiServer(parsed.config, { log: (line) => console.error(line) });
if (!created.ok) fail(created.message);
const { server } = created;
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.error(
    `account-codes FastAGI listening on agi://${host}:${bound}/account-codes (${file})`,
  );
});

function fail(message: string): never {
  console.error(`account-codes: ${message}`);
  process.exit(1);
}
