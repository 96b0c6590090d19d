/**
 * Reading a walkthrough: a `console` block of `$ account-codes …` lines, each
 * followed by the lines it prints (`…` for lines left out) and, when it is
 * not 0, `(exit status N)`.
 */

export interface Step {
  readonly command: string;
  readonly argv: string[];
  readonly expected: string[];
  readonly status: number;
}

/** The `console` blocks of a Markdown text, as steps. */
export function walkthroughs(markdown: string): Step[][] {
  const blocks: Step[][] = [];
  let steps: Step[] | undefined;
  for (const line of markdown.split('\n')) {
    if (steps === undefined) {
      if (/^```console\s*$/.test(line)) steps = [];
      continue;
    }
    if (/^```\s*$/.test(line)) {
      blocks.push(steps);
      steps = undefined;
    } else if (line.startsWith('$ ')) {
      const argv = words(line.slice(2));
      if (argv[0] === 'npx') argv.shift();
      if (argv.shift() !== 'account-codes')
        throw new Error(`not an account-codes command: ${line}`);
      steps.push({ command: line.slice(2), argv, expected: [], status: 0 });
    } else {
      const step = steps.at(-1);
      if (step === undefined) throw new Error(`output before any command: ${line}`);
      const status = /^\(exit status (\d)\)$/.exec(line);
      if (status !== null) steps[steps.length - 1] = { ...step, status: Number(status[1]) };
      else step.expected.push(line);
    }
  }
  return blocks;
}

/** A command line's words, as a POSIX shell splits them (quotes, no expansion). */
export function words(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    found.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? (match[3] as string));
  }
  return found;
}

/** Whether `actual` lines are `expected` lines, `…` matching any run of lines. */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const [first, ...rest] = expected;
  if (first === undefined) return actual.length === 0;
  if (first === '…') {
    for (let skip = 0; skip <= actual.length; skip++)
      if (matches(rest, actual.slice(skip))) return true;
    return false;
  }
  return actual[0] === first && matches(rest, actual.slice(1));
}
