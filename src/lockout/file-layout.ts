/**
 * How the file ledger lies on disk (docs/rules.md#lockout), in one of two
 * layouts. **Whole file** (the default, and the CLI's): `FILE` is the
 * plain-JSON ledger `parseLedger` reads, replaced whole by rename on every
 * change. **Scope files**, so that an operation reads and writes only its
 * own scopes:
 *
 * - `FILE` holds a small marker, `{"version": 3, "scopeFiles": "FILE.d"}`.
 *   Code that knows only whole-ledger files (0.1.0, and the CLI before
 *   per-scope files) rejects version 3 and fails closed; it never reads the
 *   marker as an empty ledger.
 * - `FILE.d/` holds one file per scope, named by a hash of the scope's id and
 *   holding its entry as it appears in the plain-JSON ledger. Each is
 *   replaced whole by rename.
 * - A change of several scopes (a caller and its trunk) is first written to
 *   `FILE.d/journal.json`, the moment it counts, then applied file by file,
 *   then removed; whoever takes the lock next finishes a journal left by a
 *   process that died, and readers read through it.
 *
 * A whole-ledger `FILE` (versions 1 and 2) is migrated on first use, under
 * the lock: the scope directory is built beside it and renamed into place,
 * then the marker is renamed over `FILE`; a crash before that leaves `FILE`
 * as it was, to be migrated again. A missing `FILE` is an empty ledger
 * (whatever `FILE.d` still holds from before). Node only.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeError, removeDeadWritersFiles, unavailable } from './file-lock.js';
import { isForgettable, type LockoutLedger, parseLedger, type ScopeEntry } from './ledger.js';
import { scopeKeyId } from './scope.js';
import type { StoreResult } from './store.js';

/** What `FILE` holds: nothing yet, the marker of the scope files, or a whole ledger to migrate. */
export type FileState =
  | { readonly kind: 'none' }
  | { readonly kind: 'scope-files' }
  | { readonly kind: 'whole'; readonly ledger: LockoutLedger };

/** Changes to apply: an entry by scope id, or `null` to remove the scope's file. */
export type ScopeChanges = ReadonlyMap<string, ScopeEntry | null>;

const JOURNAL = 'journal.json';
const SCOPE_FILE = /^[0-9a-f]{32}\.json$/;

/**
 * `FILE` holds the marker of the scope files: read without parsing a whole
 * ledger (the marker is one short line).
 */
export function holdsScopeFiles(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(MARKER_MAX + 1);
    const length = readSync(fd, head, 0, head.length, 0);
    return length <= MARKER_MAX && isMarker(safeParse(head.toString('utf8', 0, length)), path);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Longer than any marker: a file this long is a whole ledger, or not a ledger. */
const MARKER_MAX = 4096;

/**
 * Under the lock, for the whole-file layout: writes `ledger` as `FILE`,
 * whole, by rename (readers see the old ledger or the new one).
 */
export function writeWhole(path: string, ledger: LockoutLedger): StoreResult<null> {
  const written = replace(path, entryText(ledger), path);
  if (written.ok) removeLeftovers(path, 'beside');
  return written;
}

/** The directory of `path`'s scope files. */
export function scopeDirectory(path: string): string {
  return `${path}.d`;
}

/** The marker `FILE` holds once its scopes are in files. */
function marker(path: string): string {
  return `${JSON.stringify({ version: 3, scopeFiles: basename(scopeDirectory(path)) })}\n`;
}

function isMarker(json: unknown, path: string): boolean {
  const m = json as { version?: unknown; scopeFiles?: unknown } | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.version === 3 &&
    m.scopeFiles === basename(scopeDirectory(path))
  );
}

/** The file of one scope: a hash of its id, since ids hold any characters and may be long. */
function scopeFile(path: string, id: string): string {
  const name = createHash('sha256').update(id).digest('hex').slice(0, 32);
  return join(scopeDirectory(path), `${name}.json`);
}

/** Reads `FILE`: O(1) once migrated (the marker is a line). */
export function inspect(path: string): StoreResult<FileState> {
  const read = readJson(path, path);
  if (!read.ok) return read;
  if (read.value === undefined) return { ok: true, value: { kind: 'none' } };
  if (isMarker(read.value, path)) return { ok: true, value: { kind: 'scope-files' } };
  const parsed = parseLedger(read.value);
  return parsed.ok
    ? { ok: true, value: { kind: 'whole', ledger: parsed.ledger } }
    : { ok: false, error: { ...parsed.error, message: `${path}: ${parsed.error.message}` } };
}

/**
 * Under the lock, before a change: migrates a whole-ledger `FILE`, and
 * finishes a journal a dead writer left. Answers whether the scope files
 * are in use (`false`: no ledger yet).
 */
export function prepare(path: string, now: number): StoreResult<boolean> {
  const found = inspect(path);
  if (!found.ok) return found;
  if (found.value.kind === 'none') return { ok: true, value: false };
  if (found.value.kind === 'whole') {
    const migrated = migrate(path, found.value.ledger, now);
    if (!migrated.ok) return migrated;
  }
  const journal = readJournal(path);
  if (!journal.ok) return journal;
  if (journal.value !== null) {
    const applied = apply(path, journal.value);
    if (!applied.ok) return applied;
    const removed = remove(join(scopeDirectory(path), JOURNAL), path);
    if (!removed.ok) return removed;
  }
  return { ok: true, value: true };
}

/**
 * One scope's stored value: `undefined` when it has no file, else the
 * parsed file, read through `journal` when there is one.
 */
export function readScope(
  path: string,
  id: string,
  journal: ScopeChanges | null,
): StoreResult<unknown> {
  if (journal?.has(id)) return { ok: true, value: journal.get(id) ?? undefined };
  return readJson(scopeFile(path, id), path);
}

/** The pending journal, if a writer left one (readers without the lock read through it). */
export function readJournal(path: string): StoreResult<ScopeChanges | null> {
  const file = join(scopeDirectory(path), JOURNAL);
  const read = readJson(file, path);
  if (!read.ok) return read;
  if (read.value === undefined) return { ok: true, value: null };
  const scopes = (read.value as { scopes?: unknown } | null)?.scopes;
  if (typeof scopes !== 'object' || scopes === null) {
    return {
      ok: false,
      error: { code: 'invalid-ledger', path: [], message: `${file}: scopes must be an object` },
    };
  }
  return {
    ok: true,
    value: new Map(Object.entries(scopes as Record<string, ScopeEntry | null>)),
  };
}

/**
 * Under the lock: stores `changes` (at most a caller, its trunk and its
 * account for a look-up). `created`: the first write of a new ledger, which
 * also writes the marker, after a directory left from a deleted `FILE` is
 * cleared.
 */
export function write(path: string, changes: ScopeChanges, created: boolean): StoreResult<null> {
  if (changes.size === 0) return { ok: true, value: null };
  const directory = scopeDirectory(path);
  try {
    if (created) {
      rmSync(directory, { recursive: true, force: true });
      mkdirSync(directory);
    }
  } catch (error) {
    return unavailable(`cannot write the ledger ${path}: ${describeError(error)}`);
  }
  if (changes.size > 1) {
    const journal = replace(
      join(directory, JOURNAL),
      `${JSON.stringify({ scopes: Object.fromEntries(changes) })}\n`,
      path,
    );
    if (!journal.ok) return journal;
  }
  const applied = apply(path, changes);
  if (!applied.ok) return applied;
  if (changes.size > 1) {
    const removed = remove(join(directory, JOURNAL), path);
    if (!removed.ok) return removed;
  }
  return created ? replace(path, marker(path), path) : { ok: true, value: null };
}

/**
 * The whole ledger as plain JSON, for `list`, `unblock` and exporting:
 * O(ledger), reading every scope file (through a pending journal).
 */
export function readWhole(path: string): StoreResult<LockoutLedger> {
  const found = inspect(path);
  if (!found.ok) return found;
  if (found.value.kind === 'none') return { ok: true, value: { version: 2, scopes: {} } };
  if (found.value.kind === 'whole') return { ok: true, value: found.value.ledger };
  const directory = scopeDirectory(path);
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => SCOPE_FILE.test(name));
  } catch (error) {
    return unavailable(`cannot read the ledger ${path}: ${describeError(error)}`);
  }
  const scopes: Record<string, unknown> = Object.create(null);
  for (const name of names) {
    const file = join(directory, name);
    const read = readJson(file, path);
    if (!read.ok) return read;
    if (read.value === undefined) continue; // removed meanwhile
    const id = scopeKeyId((read.value as { key?: never } | null)?.key as never);
    if (scopeFile(path, id) !== file) {
      return {
        ok: false,
        error: {
          code: 'invalid-ledger',
          path: [],
          message: `${file} does not hold the entry of the scope it is named for`,
        },
      };
    }
    scopes[id] = read.value;
  }
  const journal = readJournal(path);
  if (!journal.ok) return journal;
  for (const [id, entry] of journal.value ?? []) {
    if (entry === null) delete scopes[id];
    else scopes[id] = entry;
  }
  const parsed = parseLedger({ version: 2, scopes: { ...scopes } });
  return parsed.ok
    ? { ok: true, value: parsed.ledger }
    : { ok: false, error: { ...parsed.error, message: `${path}: ${parsed.error.message}` } };
}

/**
 * The changes that turn `before` into `after` (both whole ledgers, `after`
 * sharing the entries it did not change), and the removal of entries
 * nothing can count any more.
 */
export function difference(before: LockoutLedger, after: LockoutLedger, now: number): ScopeChanges {
  const changes = new Map<string, ScopeEntry | null>();
  for (const [id, entry] of Object.entries(before.scopes)) {
    if (!Object.hasOwn(after.scopes, id) || isForgettable(entry, now)) changes.set(id, null);
  }
  for (const [id, entry] of Object.entries(after.scopes)) {
    if (before.scopes[id] !== entry && !isForgettable(entry, now)) changes.set(id, entry);
  }
  return changes;
}

/**
 * `unblock --all --reset`: under the lock, `FILE` becomes an empty
 * whole-ledger file and the scope files go. Answers what was there, as text.
 */
export function resetTo(path: string): StoreResult<string | null> {
  let discarded: string | null;
  try {
    discarded = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') {
      return unavailable(`cannot read the ledger ${path}: ${describeError(error)}`);
    }
    discarded = null;
  }
  const directory = scopeDirectory(path);
  if (discarded !== null && isMarker(safeParse(discarded), path)) {
    let names: string[] = [];
    try {
      names = readdirSync(directory).sort();
    } catch {
      // No directory: nothing more was held.
    }
    const held = names.flatMap((name) => {
      try {
        return [`${name}: ${readFileSync(join(directory, name), 'utf8').trim()}`];
      } catch {
        return [];
      }
    });
    discarded = held.length === 0 ? null : held.join('\n');
  }
  const written = replace(path, `${JSON.stringify({ version: 2, scopes: {} }, null, 2)}\n`, path);
  if (!written.ok) return written;
  try {
    rmSync(directory, { recursive: true, force: true });
  } catch {
    // FILE is already a whole (empty) ledger: a directory left over is ignored, and cleared on migration.
  }
  return { ok: true, value: discarded };
}

/**
 * Removes what writers that died left: temporary files and directories
 * beside `FILE` (`FILE.PID.RANDOM.tmp`, `….d.tmp`, `….old.tmp`), or inside
 * the scope directory.
 */
export function removeLeftovers(path: string, where: 'beside' | 'inside'): void {
  if (where === 'inside') {
    removeDeadWritersFiles(
      scopeDirectory(path),
      /^(?:[0-9a-f]{32}|journal)\.json\.([0-9]+)\.[0-9a-z]*\.tmp$/,
    );
    return;
  }
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  removeDeadWritersFiles(
    dirname(path),
    new RegExp(`^${name}\\.([0-9]+)\\.[0-9a-z]*\\.(?:d\\.|old\\.)?tmp$`),
  );
}

/** Builds the scope directory from a whole ledger beside it, renames it into place, then writes the marker. */
function migrate(path: string, ledger: LockoutLedger, now: number): StoreResult<null> {
  const directory = scopeDirectory(path);
  const building = temporaryName(path, 'd.tmp');
  try {
    mkdirSync(building);
    for (const [id, entry] of Object.entries(ledger.scopes)) {
      // Only what could still count, under the longest window (7 days): as a whole-file write forgot.
      if (isForgettable(entry, now)) continue;
      writeFileSync(join(building, basename(scopeFile(path, id))), entryText(entry), {
        flush: true,
      });
    }
    if (existsSync(directory)) {
      // Left by a migration that died before its marker, or by a FILE replaced since: FILE is the truth.
      const old = temporaryName(path, 'old.tmp');
      renameSync(directory, old);
      rmSync(old, { recursive: true, force: true });
    }
    renameSync(building, directory);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    return unavailable(`cannot write the ledger ${path}: ${describeError(error)}`);
  }
  const written = replace(path, marker(path), path);
  if (written.ok) removeLeftovers(path, 'beside');
  return written;
}

function apply(path: string, changes: ScopeChanges): StoreResult<null> {
  for (const [id, entry] of changes) {
    const file = scopeFile(path, id);
    const done = entry === null ? remove(file, path) : replace(file, entryText(entry), path);
    if (!done.ok) return done;
  }
  return { ok: true, value: null };
}

function entryText(entry: unknown): string {
  return `${JSON.stringify(entry, null, 2)}\n`;
}

/** Writes `text` to a temporary file beside `file` and renames it over `file`: readers see the old or the new. */
function replace(file: string, text: string, path: string): StoreResult<null> {
  const temporary = temporaryName(file, 'tmp');
  try {
    writeFileSync(temporary, text, { flush: true });
    renameSync(temporary, file);
    return { ok: true, value: null };
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was left behind.
    }
    return unavailable(`cannot write the ledger ${path}: ${describeError(error)}`);
  }
}

function remove(file: string, path: string): StoreResult<null> {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') {
      return unavailable(`cannot write the ledger ${path}: ${describeError(error)}`);
    }
  }
  return { ok: true, value: null };
}

/** `NAME.PID.RANDOM.SUFFIX` beside `file`: the pid lets the next writer remove it once its writer is dead. */
function temporaryName(file: string, suffix: string): string {
  return join(
    dirname(file),
    `${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.${suffix}`,
  );
}

/** A JSON file's value, `undefined` when there is no file. */
function readJson(file: string, path: string): StoreResult<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { ok: true, value: undefined };
    return unavailable(`cannot read the ledger ${path}: ${describeError(error)}`);
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: [],
        message: `${file} is not valid JSON: ${describeError(error)}`,
      },
    };
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
