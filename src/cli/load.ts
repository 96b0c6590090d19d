/**
 * Reading the configuration file: every way it can fail becomes a list of
 * one-line messages, never a stack trace.
 */
import { type ParseConfigResult, parseConfig } from '../config/parse.js';
import type { CliIo } from './io.js';

export type LoadResult =
  | Extract<ParseConfigResult, { ok: true }>
  | { readonly ok: false; readonly problems: readonly string[] };

export function loadConfigFile(io: CliIo, file: string): LoadResult {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    return { ok: false, problems: [`cannot read ${file}: ${describeFsError(error)}`] };
  }
  // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`${file} is not valid JSON: ${detail}`] };
  }
  const parsed = parseConfig(json);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: [
      `${file} is not a valid configuration (${plural(parsed.issues.length, 'problem')}):`,
      ...parsed.issues.map((issue) => `  ${issue.message} [${issue.code}]`),
    ],
  };
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Prints load problems on stderr: the first line names the program, the rest are indented. */
export function reportProblems(io: CliIo, problems: readonly string[]): void {
  problems.forEach((line, index) => {
    io.stderr(index === 0 ? `account-codes: ${line}` : line);
  });
}
