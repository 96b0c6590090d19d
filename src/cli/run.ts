/**
 * The CLI's dispatcher: parses arguments, runs one command, returns its exit
 * status (docs/rules.md#the-config-file-and-the-cli: 0 success, 1 invalid input, 2 bad usage). No rules live here.
 */
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { check } from './commands/check.js';
import { demo } from './commands/demo.js';
import { type CallArguments, explain } from './commands/explain.js';
import { lockout, unblock } from './commands/lockout.js';
import { REPORT_OPTIONS, reportCommand } from './commands/report.js';
import { schema } from './commands/schema.js';
import { simulate } from './commands/simulate.js';
import { type CliIo, EXIT, type ExitStatus } from './io.js';
import { COMMAND_HELP, USAGE, usageError } from './usage.js';

type Options = {
  readonly [name: string]: { readonly type: 'string' | 'boolean'; readonly short?: string };
};

interface Command {
  /** Positional arguments, by name, all required. */
  readonly positionals: readonly string[];
  readonly options: Options;
  readonly run: (
    io: CliIo,
    positionals: readonly string[],
    values: Values,
  ) => ExitStatus | Promise<ExitStatus>;
}

const CALL_OPTIONS = {
  trunk: { type: 'string' },
  dial: { type: 'string' },
  json: { type: 'boolean' },
  unattended: { type: 'boolean' },
  'carried-code': { type: 'string' },
} as const;

const COMMANDS: Readonly<Record<string, Command>> = {
  check: {
    positionals: ['FILE'],
    options: { json: { type: 'boolean' } },
    run: (io, [file], values) => check(io, file as string, values.json === true),
  },
  explain: {
    positionals: ['FILE'],
    options: CALL_OPTIONS,
    run: (io, [file], values) =>
      withCallArguments(io, 'explain', values, (args) => explain(io, file as string, args)),
  },
  simulate: {
    positionals: ['FILE'],
    options: {
      ...CALL_OPTIONS,
      keys: { type: 'string' },
      ledger: { type: 'string' },
      at: { type: 'string' },
      caller: { type: 'string' },
    },
    run: (io, [file], values) =>
      withCallArguments(io, 'simulate', values, (args) =>
        simulate(io, file as string, {
          ...args,
          keys: stringOption(values.keys),
          ...optional('ledger', stringOption(values.ledger)),
          ...optional('at', stringOption(values.at)),
          ...optional('caller', stringOption(values.caller)),
        }),
      ),
  },
  report: { positionals: ['FILE'], options: REPORT_OPTIONS, run: reportCommand },
  lockout: {
    positionals: ['FILE'],
    options: { ledger: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } },
    run: (io, [file], values) =>
      lockout(io, file as string, {
        ledger: stringOption(values.ledger),
        at: stringOption(values.at),
        json: values.json === true,
      }),
  },
  unblock: {
    positionals: ['FILE'],
    options: {
      ledger: { type: 'string' },
      trunk: { type: 'string' },
      caller: { type: 'string' },
      all: { type: 'boolean' },
      reset: { type: 'boolean' },
    },
    run: (io, [file], values) =>
      unblock(io, file as string, {
        ledger: stringOption(values.ledger),
        trunk: stringOption(values.trunk),
        caller: stringOption(values.caller),
        all: values.all === true,
        reset: values.reset === true,
      }),
  },
  schema: { positionals: [], options: {}, run: (io) => schema(io) },
  demo: { positionals: [], options: {}, run: (io) => demo(io) },
};

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

function stringOption(value: Values[string]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{ [name]: value }`, or nothing when the value is absent (exactOptionalPropertyTypes). */
function optional<K extends string>(name: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: string };
}

/** `--trunk` and `--dial` are required by explain and simulate. */
function withCallArguments(
  io: CliIo,
  command: string,
  values: Values,
  run: (args: CallArguments) => ExitStatus | Promise<ExitStatus>,
): ExitStatus | Promise<ExitStatus> {
  const { trunk, dial } = values;
  if (typeof trunk !== 'string') return usageError(io, 'missing --trunk ID', command);
  if (typeof dial !== 'string') return usageError(io, 'missing --dial DIGITS', command);
  const carried = values['carried-code'];
  if (typeof carried === 'string' && values.unattended !== true) {
    return usageError(io, '--carried-code CODE goes with --unattended', command);
  }
  const unattended =
    values.unattended !== true
      ? {}
      : { unattended: typeof carried === 'string' ? { code: carried } : (true as const) };
  return run({ trunk, dial, json: values.json === true, ...unattended });
}

const HELP: Options = { help: { type: 'boolean', short: 'h' } };

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit status.
 * Never throws: an unexpected failure is reported in one line with status 1.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitStatus> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr(
      `account-codes: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.invalid;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<ExitStatus> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(version);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    return usageError(
      io,
      `unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(', ')}`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...HELP, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(io, describeArgsError(error), name);
  }
  if (parsed.values.help === true) {
    io.stdout(COMMAND_HELP[name] ?? USAGE);
    return EXIT.ok;
  }
  const { positionals } = parsed;
  if (positionals.length < command.positionals.length) {
    return usageError(
      io,
      `missing ${command.positionals.slice(positionals.length).join(' ')}`,
      name,
    );
  }
  if (positionals.length > command.positionals.length) {
    return usageError(
      io,
      `unexpected argument ${JSON.stringify(positionals[command.positionals.length])}`,
      name,
    );
  }
  return command.run(io, positionals, parsed.values);
}

/** Node's parseArgs messages are long; say the gist. */
function describeArgsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /^Option '(--[\w-]+)[^']*' argument missing/.exec(message); // no string option has a short form
  if (missing) return `${missing[1]} needs a value`;
  return message;
}
