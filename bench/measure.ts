/**
 * One side of one benchmark, in a process of its own: `bench/run.ts` starts
 * this file once per side and per sample, alternating ours and the
 * baseline's (docs/performance.md, "Method"). Each side imports only what it
 * measures, so the baseline's process never loads this package and ours
 * never loads a second copy of libphonenumber-js.
 *
 * Usage: node --expose-gc --import tsx bench/measure.ts <measurement> [argument]
 * Prints one JSON object: figure name → number.
 */
import { consume, opsPerSecond } from './harness.js';
import { CONFIG, MIXES } from './workloads.js';

type Figures = Record<string, number>;

function mixOf(name: string | undefined): readonly (readonly [string, string])[] {
  const mix = name === undefined ? undefined : MIXES[name];
  if (mix === undefined) throw new Error(`unknown mix ${name}; one of ${Object.keys(MIXES)}`);
  return mix;
}

const CODE_LENGTH = 7;

/** `size` codes spread evenly over the 7-digit space, as fresh strings. */
function* codes(size: number): Generator<string> {
  const stride = Math.floor(10 ** CODE_LENGTH / size);
  for (let i = 0; i < size; i++) yield String(i * stride).padStart(CODE_LENGTH, '0');
}

/** Half listed codes, half near misses, fresh strings. */
function probes(size: number): string[] {
  const stride = Math.floor(10 ** CODE_LENGTH / size);
  const out: string[] = [];
  for (let i = 0; i < 4096; i++) {
    const n = ((i * 7919) % size) * stride + (i % 2 === 0 || stride === 1 ? 0 : 1);
    out.push(String(n % 10 ** CODE_LENGTH).padStart(CODE_LENGTH, '0'));
  }
  return out;
}

function heapBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Bytes per structure and look-ups per second. Small structures are built
 * many times over and the heap growth divided, so that the figure is not
 * lost in the heap's noise.
 */
function structureFigures<T>(
  size: number,
  build: (codes: Iterable<string>) => T,
  has: (structure: T, code: string) => boolean,
): Figures {
  const copies = Math.max(1, Math.floor(10_000 / size));
  const kept: T[] = [];
  const before = heapBytes();
  for (let i = 0; i < copies; i++) kept.push(build(codes(size)));
  const bytes = (heapBytes() - before) / copies;
  const structure = kept[0] as T;
  const queries = probes(size);
  const rate = opsPerSecond(
    () => {
      let hits = 0;
      for (const q of queries) if (has(structure, q)) hits++;
      consume(hits);
    },
    { opsPerCall: queries.length },
  );
  consume(kept);
  return { bytes, rate };
}

/** The code-entry machine and the state a 4-digit authorization call starts in. */
async function codeEntry() {
  const { advance, startCodeEntry } = await import('../src/entry/machine.js');
  const start = startCodeEntry({
    codeLength: 4,
    maxRetries: 3,
    validateCodes: true,
    allowCallAfterMaxRetries: false,
  });
  if (!start.ok) throw new Error(start.error.message);
  return { advance, start };
}

/** Calls per second of `call` over every dial string of the mix, with its caller's country. */
function mixRate<C>(
  mixName: string | undefined,
  context: (country: string) => C,
  call: (dialed: string, context: C) => unknown,
): Figures {
  const mix = mixOf(mixName).map(([s, country]) => [s, context(country)] as const);
  const rate = opsPerSecond(
    () => {
      for (const [s, c] of mix) consume(call(s, c));
    },
    { opsPerCall: mix.length },
  );
  return { rate };
}

const MEASUREMENTS: Record<string, (argument: string | undefined) => Promise<Figures>> = {
  async classify(mixName) {
    const { classifyCall } = await import('../src/classify/classify.js');
    return mixRate(mixName, (country) => ({ country }), classifyCall);
  },

  async parse(mixName) {
    // What a user would call: libphonenumber-js with its own min metadata.
    const { parsePhoneNumberFromString } = await import('libphonenumber-js/min');
    return mixRate(mixName, (country) => country as 'US', parsePhoneNumberFromString);
  },

  async decision(how) {
    const { classifyCall } = await import('../src/classify/classify.js');
    const { decide } = await import('../src/decide.js');
    const { resolveSettings } = await import('../src/settings/resolve.js');
    const { parseConfig } = await import('../src/config/parse.js');
    let config = CONFIG;
    if (how === 'parsed') {
      const parsed = parseConfig(CONFIG);
      if (!parsed.ok) throw new Error('the benchmark config is invalid');
      config = parsed.config;
    } else if (how !== 'hand-built') throw new Error('decision parsed|hand-built');
    const mix = mixOf('nanp');
    const rate = opsPerSecond(
      () => {
        for (const [s] of mix) {
          const resolved = resolveSettings(config, 'lab');
          consume(decide(resolved, classifyCall(s, config.account)));
        }
      },
      { opsPerCall: mix.length },
    );
    return { rate };
  },

  async advance() {
    const { advance, start } = await codeEntry();
    const rate = opsPerSecond(
      () => {
        let s = start.state;
        for (const event of CALL) s = advance(s, event as never).state;
        consume(s);
      },
      { opsPerCall: CALL.length },
    );
    return { rate };
  },

  async 'json-round-trip'() {
    // The states one call goes through, as the machine produces them.
    const { advance, start } = await codeEntry();
    const states: unknown[] = [];
    let state = start.state;
    for (const event of CALL) {
      states.push(state);
      state = advance(state, event as never).state;
    }
    // Only plain JSON from here on: the timed loop runs no code of ours.
    const texts = states.map((s) => JSON.stringify(s));
    const plain = texts.map((t) => JSON.parse(t) as unknown);
    const rate = opsPerSecond(
      () => {
        for (const s of plain) consume(JSON.parse(JSON.stringify(s)));
      },
      { opsPerCall: plain.length },
    );
    return { rate };
  },

  async directory(size) {
    const { createCodeDirectory } = await import('../src/entry/directory.js');
    return structureFigures(
      Number(size),
      (list) => {
        const built = createCodeDirectory(list, CODE_LENGTH);
        if (!built.ok) throw new Error(built.error.message);
        return built.directory;
      },
      (directory, code) => directory.has(code),
    );
  },

  /** The directory answering for a call (issue 24), unscoped: `check` where a look-up used `has`. */
  async 'directory-call'(size) {
    const { createCodeDirectory } = await import('../src/entry/directory.js');
    return structureFigures(
      Number(size),
      (list) => {
        const built = createCodeDirectory(list, CODE_LENGTH);
        if (!built.ok) throw new Error(built.error.message);
        return built.directory;
      },
      (directory, code) => directory.check(code, SCOPED_CALL).valid,
    );
  },

  /** The same with 1 % of the codes scoped, every scope different (issue 24: < 3 MB at 10^6). */
  async 'directory-scoped'(size) {
    const { createCodeDirectory } = await import('../src/entry/directory.js');
    return structureFigures(
      Number(size),
      (list) => {
        const entries = [...list].map((code, i) =>
          i % 100 === 0
            ? {
                code,
                callTypes: ['domestic' as const],
                trunks: ['hq'],
                validUntil: new Date(1.8e12 + i * 1000).toISOString(),
              }
            : { code },
        );
        const built = createCodeDirectory(entries, CODE_LENGTH);
        if (!built.ok) throw new Error(built.error.message);
        return built.directory;
      },
      (directory, code) => directory.check(code, SCOPED_CALL).valid,
    );
  },

  async set(size) {
    return structureFigures(
      Number(size),
      (list) => new Set(list),
      (set, code) => set.has(code),
    );
  },
};

/** The call the directory-for-a-call figures look codes up for. */
const SCOPED_CALL = { trunk: 'hq', at: 1.7e12, gatedBy: ['domestic'] };

/** One authorization call: a short entry, a miss, then a hit. 13 events. */
const CALL = [
  { type: 'key', key: '1' },
  { type: 'key', key: '2' },
  { type: 'key', key: '#' },
  { type: 'key', key: '1' },
  { type: 'key', key: '2' },
  { type: 'key', key: '3' },
  { type: 'key', key: '4' },
  { type: 'lookup-result', valid: false },
  { type: 'key', key: '4' },
  { type: 'key', key: '3' },
  { type: 'key', key: '2' },
  { type: 'key', key: '1' },
  { type: 'lookup-result', valid: true },
] as const;

const [name, argument] = process.argv.slice(2);
const measure = name === undefined ? undefined : MEASUREMENTS[name];
if (measure === undefined) {
  throw new Error(`unknown measurement ${name}; one of ${Object.keys(MEASUREMENTS).join(', ')}`);
}
process.stdout.write(JSON.stringify(await measure(argument)));
