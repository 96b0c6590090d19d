import acme from '../../../examples/acme.json';
import { parseConfig } from '../../config/parse.js';
import { createMemoryLockoutStore } from '../../lockout/store.js';
import { parseKeys } from '../call.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import { callLockout, simulateCall } from './simulate.js';

/** The calls of the demo: one per branch a newcomer should see. */
const CALLS = [
  {
    title: 'An international call from HQ: the caller keys a valid code',
    trunk: 'hq',
    dial: '9-011-44-20-7946-0958',
    keys: '1234',
  },
  {
    title: 'A premium-rate call: three wrong entries, and the call ends',
    trunk: 'hq',
    dial: '1-900-555-0123',
    keys: '1111' + '99#' + '5555',
  },
  {
    title: 'The "809 scam": a Caribbean +1 number is international, so a code is needed',
    trunk: 'hq',
    dial: '1-809-555-0147',
    keys: '2001',
  },
  {
    title: 'An emergency call: never a prompt, whatever the settings',
    trunk: 'legal',
    dial: '9-911',
    keys: '',
  },
  {
    title: 'A domestic call needs no code; the caller tags it mid-call with *50 and a code',
    trunk: 'hq',
    dial: '(212) 555-0147',
    keys: '*504242',
  },
] as const;

/** `account-codes demo`: a few simulated calls on the embedded example account. */
export async function demo(io: CliIo): Promise<ExitStatus> {
  const parsed = parseConfig(acme);
  if (!parsed.ok) {
    io.stderr('account-codes: the embedded example account is invalid');
    return EXIT.invalid;
  }
  io.stdout('Account Codes demo on examples/acme.json\n');
  let status: ExitStatus = EXIT.ok;
  for (const [index, call] of CALLS.entries()) {
    io.stdout(`── ${index + 1}. ${call.title}`);
    io.stdout(
      `   $ account-codes simulate examples/acme.json --trunk ${call.trunk} --dial '${call.dial}' --keys '${call.keys}'\n`,
    );
    const keys = parseKeys(call.keys);
    const args = { ...call, json: false, brief: index > 0 };
    const lockout = callLockout(io, { ...args, keys: call.keys });
    if (typeof lockout === 'string') return EXIT.invalid;
    const result = await simulateCall(io, parsed.config, args, keys.ok ? keys.actions : [], {
      ...lockout,
      store: createMemoryLockoutStore({ clock: io.now }),
    });
    if (result !== EXIT.ok) status = result;
    io.stdout('');
  }
  return status;
}
