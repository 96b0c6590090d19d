/**
 * Classification and the whole decision (issues 4 and 14) against
 * libphonenumber-js `parsePhoneNumberFromString(dial, country)` on the same
 * dial strings, each side in fresh processes of its own, alternated (with
 * both in one process the baseline slows down once a second metadata object
 * has passed through libphonenumber-js, which would flatter us).
 */
import { alternated, type BenchRow, type BenchSuite, measureInProcess, row } from './harness.js';

const BASELINE = 'parsePhoneNumberFromString, same strings';

/** classifyCall on `mix` against the parse of the same strings. */
function classifyRow(name: string, mix: string, target?: number): BenchRow {
  const [ours, theirs] = alternated(
    () => measureInProcess('classify', mix),
    () => measureInProcess('parse', mix),
  );
  return row(name, ours.rate as number, 'ops/s', BASELINE, theirs.rate as number, {
    ...(target === undefined ? {} : { target }),
  });
}

/** resolveSettings + classifyCall + decide per call, NANP mix. */
function decisionRow(name: string, how: 'parsed' | 'hand-built', target?: number): BenchRow {
  const [ours, theirs] = alternated(
    () => measureInProcess('decision', how),
    () => measureInProcess('parse', 'nanp'),
  );
  return row(name, ours.rate as number, 'ops/s', BASELINE, theirs.rate as number, {
    ...(target === undefined ? {} : { target }),
  });
}

const suite: BenchSuite = {
  title: 'classification',
  run: () => [
    classifyRow('classifyCall, NANP mix, US caller', 'nanp', 120),
    classifyRow('classifyCall, international mix (011/+), US caller', 'international-from-us', 8),
    classifyRow('classifyCall, GB caller (0…, 00…, +…)', 'gb-caller', 6),
    classifyRow('classifyCall, mixed callers (GB, DE, FR, AU, IN, US)', 'mixed-callers'),
    decisionRow('resolveSettings + classifyCall + decide, NANP mix (parsed config)', 'parsed', 50),
    decisionRow(
      'resolveSettings + classifyCall + decide, NANP mix (hand-built config)',
      'hand-built',
    ),
  ],
};

export default suite;
