import { type CliIo, EXIT, type ExitStatus } from '../io.js';
import { loadConfigFile, plural, reportProblems } from '../load.js';

/** `account-codes check FILE`: validate, print warnings (SPEC §8). */
export function check(io: CliIo, file: string): ExitStatus {
  const loaded = loadConfigFile(io, file);
  if (!loaded.ok) {
    reportProblems(io, loaded.problems);
    return EXIT.invalid;
  }
  const { config, warnings } = loaded;
  const enabledTrunks = config.trunks.filter((t) => t.accountCodesEnabled).length;
  io.stdout(
    `${file}: valid. Account codes ${config.account.settings.enabled ? 'on' : 'off'}; ` +
      `${plural(config.account.codes.length, 'code')} of ${config.account.codeLength} digits; ` +
      `${enabledTrunks} of ${plural(config.trunks.length, 'trunk')} enabled.`,
  );
  if (warnings.length > 0) {
    io.stdout(`${plural(warnings.length, 'warning')}:`);
    for (const warning of warnings) io.stdout(`  ${warning.message} [${warning.code}]`);
  }
  return EXIT.ok;
}
