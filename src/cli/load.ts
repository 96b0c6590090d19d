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
  const read = readConfigJson(io, file);
  if (!read.ok) return { ok: false, problems: [read.message] };
  const parsed = parseConfig(read.json);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    problems: [
      `${file} is not a valid configuration (${plural(parsed.issues.length, 'problem')}):`,
      ...parsed.issues.map((issue) => `  ${issue.message} [${issue.code}]`),
    ],
  };
}

/** The file's JSON, or why there is none: `check --json` reports the code, the rest the message. */
export type ReadConfigJsonResult =
  | { readonly ok: true; readonly json: unknown }
  | {
      readonly ok: false;
      readonly code: 'unreadable-file' | 'invalid-json';
      readonly message: string;
    };

export function readConfigJson(io: CliIo, file: string): ReadConfigJsonResult {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    return {
      ok: false,
      code: 'unreadable-file',
      message: `cannot read ${file}: ${describeFsError(error)}`,
    };
  }
  // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'invalid-json', message: `${file} is not valid JSON: ${detail}` };
  }
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
