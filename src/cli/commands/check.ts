import { parseConfig } from '../../config/parse.js';
import type { ConfigIssue, ConfigWarning } from '../../config/problems.js';
import { chanceInWords, exposureWarnings, lockoutExposure } from '../../lockout/exposure.js';
import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import { loadConfigFile, plural, readConfigJson, reportProblems } from '../load.js';

/** `account-codes check FILE [--json]`: validate, print warnings and the exposure (docs/rules.md#the-config-file-and-the-cli, docs/rules.md#lockout). */
export function check(io: CliIo, file: string, json = false): ExitStatus {
  if (json) return checkJson(io, file);
  const loaded = loadConfigFile(io, file);
  if (!loaded.ok) {
    reportProblems(io, loaded.problems);
    return EXIT.invalid;
  }
  const { config } = loaded;
  const warnings = [...loaded.warnings, ...exposureWarnings(config)];
  const enabledTrunks = config.trunks.filter((t) => t.accountCodesEnabled).length;
  io.stdout(
    `${file}: valid. Account codes ${config.account.settings.enabled ? 'on' : 'off'}; ` +
      `${plural(config.account.codes.length, 'code')} of ${config.account.codeLength} digits; ` +
      `${enabledTrunks} of ${plural(config.trunks.length, 'trunk')} enabled.`,
  );
  const exposure = lockoutExposure(config);
  io.stdout(
    exposure === null
      ? 'Exposure: none to guess (no trunk validates codes).'
      : `Exposure: an attacker finds a valid code in ${exposure.summary}${
          exposure.basis === 'bypass-after-max-retries' ? '' : `; ${chanceInWords(exposure)}`
        }.`,
  );
  if (warnings.length > 0) {
    io.stdout(`${plural(warnings.length, 'warning')}:`);
    for (const warning of warnings) io.stdout(`  ${warning.message} [${warning.code}]`);
  }
  return EXIT.ok;
}

/** docs/rules.md#lockout: one JSON object `{ ok, issues, warnings, exposure }`. */
function checkJson(io: CliIo, file: string): ExitStatus {
  const print = (
    issues:
      | readonly ConfigIssue[]
      | readonly { code: string; path: readonly (string | number)[]; message: string }[],
    warnings: readonly ConfigWarning[],
    exposure: ReturnType<typeof lockoutExposure>,
  ): ExitStatus => {
    io.stdout(JSON.stringify({ ok: issues.length === 0, issues, warnings, exposure }, null, 2));
    return issues.length === 0 ? EXIT.ok : EXIT.invalid;
  };
  const read = readConfigJson(io, file);
  if (!read.ok) return print([{ code: read.code, path: [], message: read.message }], [], null);
  const parsed = parseConfig(read.json);
  if (!parsed.ok) return print(parsed.issues, [], null);
  return print(
    [],
    [...parsed.warnings, ...exposureWarnings(parsed.config)],
    lockoutExposure(parsed.config),
  );
}
