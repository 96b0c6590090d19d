/**
 * Generates the committed classification tables from Google's phone metadata
 * in the `google-libphonenumber` dev dependency (docs/rules.md#classification and docs/rules.md#the-decision), so the package
 * never ships that library at run time:
 *
 * - `src/classify/emergency-table.ts`: region → emergency numbers: the union of the
 *   short-number metadata and AOSP's eccdata (`scripts/data/`, docs/rules.md#the-decision);
 * - `src/classify/premium-rate-table.ts`: region → premium-rate national-number pattern;
 * - `src/classify/nanp-table.ts`: +1 region → its area codes (every other area code is US),
 *   and the non-geographic area codes (never domestic);
 * - `src/classify/phone-metadata.ts`: libphonenumber-js `min` metadata without its number
 *   formats, which parsing never reads (half the gzipped size; docs/classification.md);
 * - `src/config/regions-table.ts`: the regions that metadata knows, so that
 *   `parseConfig` checks a country without loading the phone metadata;
 * - `src/classify/phone-types-table.ts`: region → a trie of the leading digits and lengths
 *   of its numbers of every type (libphonenumber-js `max` metadata), so an impossible
 *   national number is never domestic (scripts/number-type-prefixes.ts);
 * - `src/classify/mobile-table.ts`: region → a trie that answers exactly which national
 *   numbers the `max` metadata types mobile (scripts/mobile-prefixes.ts; the `mobile` call
 *   type, docs/rules.md#scoped-codes).
 *
 * Run `npx tsx scripts/generate-tables.ts` (or `npm run generate`) after
 * upgrading google-libphonenumber; `test/classify/tables.test.ts` re-runs the
 * generators in memory and fails when a committed table is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Pattern, readPattern } from './digit-automaton.js';
import { mobilePrefixes } from './mobile-prefixes.js';
import { numberTypePrefixes, type RegionPlan } from './number-type-prefixes.js';

/** The few parts of google-libphonenumber's (untyped) API the generators read. */
interface PhoneNumberDesc {
  hasNationalNumberPattern(): boolean;
  getNationalNumberPattern(): string;
  getNationalNumberPatternOrDefault(): string;
  possibleLengthArray(): number[];
}
interface PhoneMetadata {
  getGeneralDesc(): PhoneNumberDesc;
  getFixedLine(): PhoneNumberDesc;
  getPersonalNumber(): PhoneNumberDesc;
  getVoip(): PhoneNumberDesc;
  getUan(): PhoneNumberDesc;
  getPager(): PhoneNumberDesc;
  getSharedCost(): PhoneNumberDesc;
  getVoicemail(): PhoneNumberDesc;
  getPremiumRate(): PhoneNumberDesc;
  getEmergency(): PhoneNumberDesc;
  getLeadingDigits(): string | null | undefined;
  getCountryCode(): number;
}
interface GoogleLibphonenumber {
  PhoneNumberUtil: {
    getInstance(): {
      getSupportedRegions(): string[];
      getMetadataForRegion(region: string): PhoneMetadata | null;
      getRegionCodesForCountryCode(code: number): string[];
    };
  };
  ShortNumberInfo: {
    getInstance(): {
      getSupportedRegions(): string[];
      getMetadataForRegion_(region: string): PhoneMetadata | null;
    };
  };
}

const require = createRequire(import.meta.url);
const google = require('google-libphonenumber') as GoogleLibphonenumber;
const googleVersion = (require('google-libphonenumber/package.json') as { version: string })
  .version;

/** Where each generated table lives, relative to the repository root. */
export const TABLE_PATHS = {
  emergency: 'src/classify/emergency-table.ts',
  premiumRate: 'src/classify/premium-rate-table.ts',
  nanp: 'src/classify/nanp-table.ts',
  phoneMetadata: 'src/classify/phone-metadata.ts',
  regions: 'src/config/regions-table.ts',
  numberTypes: 'src/classify/phone-types-table.ts',
  mobile: 'src/classify/mobile-table.ts',
} as const;

/**
 * Every digit string a metadata pattern matches. The patterns of emergency
 * numbers and NANP leading digits use only digits, `[...]` classes, `\d`,
 * `(?:...)`, `|`, `?` and `{n}` / `{n,m}`, and match a handful of strings.
 * Throws on anything else, or on more than `limit` strings: this runs at
 * development time only, where a loud failure is what we want.
 */
export function expandPattern(pattern: string, limit = 2000): string[] {
  const cap = (set: Set<string>): Set<string> => {
    if (set.size > limit) throw new Error(`cannot expand /${pattern}/: more than ${limit} strings`);
    return set;
  };
  const product = (left: Set<string>, right: Set<string>): Set<string> => {
    const out = new Set<string>();
    for (const a of left) for (const b of right) out.add(a + b);
    return cap(out);
  };
  const expand = (node: Pattern): Set<string> => {
    switch (node.kind) {
      case 'digits':
        return new Set([...'0123456789'].filter((d) => node.set & (1 << Number(d))));
      case 'sequence':
        return node.items.reduce((out, item) => product(out, expand(item)), new Set(['']));
      case 'choice':
        return cap(new Set(node.options.flatMap((option) => [...expand(option)])));
      case 'repeat': {
        const item = expand(node.item);
        const out = new Set<string>();
        let layer = new Set(['']);
        for (let n = 0; n <= node.max; n++) {
          if (n >= node.min) for (const s of layer) out.add(s);
          if (n < node.max) layer = product(layer, item);
        }
        return cap(out);
      }
      default: {
        const unreachable: never = node;
        throw new Error(`unknown pattern ${JSON.stringify(unreachable)}`);
      }
    }
  };
  return pattern === '' ? [] : [...expand(readPattern(pattern))].sort();
}

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const header = (what: string, source: string): string =>
  `/**\n * ${what}\n *\n * Generated by scripts/generate-tables.ts from google-libphonenumber ${googleVersion}\n * ${source}.\n * Do not edit by hand: run \`npx tsx scripts/generate-tables.ts\`.\n */\n`;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where the AOSP emergency-number database is kept (scripts/data/README.md: provenance). */
export const ECCDATA_PATH = 'scripts/data/aosp-eccdata.txt';

/** docs/rules.md#the-decision: eccdata entries longer than this are ordinary subscriber lines, not emergency numbers. */
const LONGEST_EMERGENCY_NUMBER = 6;

/**
 * Region → emergency numbers from AOSP's eccdata (protobuf text format:
 * `countries { iso_code: "ES" eccs { phone_number: "091" … } … }`), numbers
 * of at most six digits.
 */
export function readEccdata(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const block of text.split(/^countries \{$/m).slice(1)) {
    const region = /iso_code: "([A-Z]{2})"/.exec(block)?.[1];
    if (region === undefined) throw new Error(`eccdata: a country block without iso_code`);
    const numbers = out.get(region) ?? new Set<string>();
    for (const [, number] of block.matchAll(/phone_number: "([^"]*)"/g)) {
      if (
        number !== undefined &&
        /^[0-9]+$/.test(number) &&
        number.length <= LONGEST_EMERGENCY_NUMBER
      ) {
        numbers.add(number);
      }
    }
    out.set(region, numbers);
  }
  return out;
}

/** The source of `src/classify/emergency-table.ts`: Google's numbers ∪ AOSP's (docs/rules.md#the-decision). */
export function generateEmergencyTable(
  eccdata: string = readFileSync(new URL(`../${ECCDATA_PATH}`, import.meta.url), 'utf8'),
): string {
  const short = google.ShortNumberInfo.getInstance();
  const byRegion = new Map<string, Set<string>>();
  for (const region of short.getSupportedRegions()) {
    const metadata = short.getMetadataForRegion_(region);
    if (metadata === null) continue;
    const desc = metadata.getEmergency();
    const lengths = desc.possibleLengthArray();
    if (lengths.includes(-1)) continue; // -1: the region has no emergency numbers
    const numbers = expandPattern(desc.getNationalNumberPatternOrDefault()).filter(
      (n) => lengths.length === 0 || lengths.includes(n.length),
    );
    byRegion.set(region, new Set(numbers));
  }
  for (const [region, numbers] of readEccdata(eccdata)) {
    byRegion.set(region, new Set([...(byRegion.get(region) ?? []), ...numbers]));
  }
  const lines: string[] = [];
  for (const [region, numbers] of [...byRegion].sort((a, b) => byCodeUnit(a[0], b[0]))) {
    if (numbers.size > 0) lines.push(`  ${region}: ${quote([...numbers].sort().join(' '))},`);
  }
  return `${header(
    "Emergency numbers by the caller's region (ISO 3166 alpha-2), space-separated (docs/rules.md#the-decision).",
    "short-number metadata (the `emergency` descriptor, its pattern expanded), united\n * with AOSP's eccdata (scripts/data/aosp-eccdata.txt, numbers of at most six digits)",
  )}export const EMERGENCY_NUMBERS: Readonly<Record<string, string>> = {\n${lines.join('\n')}\n};\n`;
}

/** The source of `src/classify/premium-rate-table.ts`. NANP regions are left out: docs/rules.md#classification rules cover them. */
export function generatePremiumRateTable(): string {
  const util = google.PhoneNumberUtil.getInstance();
  const lines: string[] = [];
  for (const region of [...util.getSupportedRegions()].sort(byCodeUnit)) {
    const metadata = util.getMetadataForRegion(region);
    if (metadata === null || metadata.getCountryCode() === 1) continue;
    const desc = metadata.getPremiumRate();
    if (!desc.hasNationalNumberPattern()) continue;
    lines.push(`  ${region}: ${quote(desc.getNationalNumberPattern())},`);
  }
  return `${header(
    'Premium-rate national numbers by region, as regular-expression sources matched against the whole national number (docs/rules.md#classification).',
    'phone-number metadata (the `premiumRate` descriptor)',
  )}export const PREMIUM_RATE_PATTERNS: Readonly<Record<string, string>> = {\n${lines.join('\n')}\n};\n`;
}

/** The source of `src/classify/nanp-table.ts`. */
export function generateNanpTable(): string {
  const util = google.PhoneNumberUtil.getInstance();
  const owner = new Map<string, string>();
  const claim = (npa: string, region: string): void => {
    const previous = owner.get(npa);
    if (previous !== undefined && previous !== region) {
      throw new Error(`area code ${npa} is claimed by both ${previous} and ${region}`);
    }
    owner.set(npa, region);
  };
  for (const region of util.getRegionCodesForCountryCode(1)) {
    if (region === 'US') continue; // the main country: every area code no other region claims
    const metadata = util.getMetadataForRegion(region);
    if (metadata === null) continue;
    const leading = metadata.getLeadingDigits();
    if (leading) {
      // Leading digits are area codes; longer entries (DO's 8001) sit inside toll-free 800.
      for (const npa of expandPattern(leading)) if (npa.length === 3) claim(npa, region);
    } else {
      // Canada has no leading digits: its fixed-line pattern lists its area codes.
      const fixedLine = new RegExp(`^(?:${metadata.getFixedLine().getNationalNumberPattern()})$`);
      for (let n = 200; n <= 999; n++) if (fixedLine.test(`${n}2000000`)) claim(String(n), region);
    }
  }
  const nonGeographic = nonGeographicAreaCodes(owner);
  const byRegion = new Map<string, string[]>();
  for (const [npa, region] of [...owner].sort((a, b) => byCodeUnit(a[0], b[0]))) {
    byRegion.set(region, [...(byRegion.get(region) ?? []), npa]);
  }
  const lines = [...byRegion]
    .sort((a, b) => byCodeUnit(a[0], b[0]))
    .map(([region, npas]) => `  ${region}: ${quote(npas.join(' '))},`);
  return `${header(
    'Area codes of the +1 regions other than the US, space-separated; every other area code is the US (docs/rules.md#classification).',
    'phone-number metadata (leading digits; the fixed-line pattern for CA; non-geographic\n * codes from the personal, VoIP, UAN, pager, shared-cost and voicemail descriptors and NANPA)',
  )}export const NANP_AREA_CODES: Readonly<Record<string, string>> = {\n${lines.join('\n')}\n};\n
/** Area codes that are no place: never domestic, never a country's (docs/rules.md#classification, issue 12). */
export const NANP_NON_GEOGRAPHIC: string =\n  ${quote(nonGeographic.join(' '))};\n`;
}

/**
 * NANPA's non-geographic codes the metadata does not describe: 456 (inbound
 * international), 700 (interexchange carrier services), 710 (US government),
 * 880–882 (paid toll-free). Toll-free (8XX) and 900 have rules of their own.
 */
const NANPA_NON_GEOGRAPHIC = ['456', '700', '710', '880', '881', '882'];

/**
 * The area codes no +1 region claims as geographic that a non-geographic
 * descriptor of some +1 region matches (500, 52x, 533, … personal numbers;
 * CA's 600, 622, 633), plus {@link NANPA_NON_GEOGRAPHIC}. Each descriptor is
 * tried with a spread of exchanges: a code is in when any exchange matches.
 */
function nonGeographicAreaCodes(owner: ReadonlyMap<string, string>): string[] {
  const util = google.PhoneNumberUtil.getInstance();
  const sources = new Set<string>();
  for (const region of util.getRegionCodesForCountryCode(1)) {
    const m = util.getMetadataForRegion(region);
    if (m === null) continue;
    for (const d of [
      m.getPersonalNumber(),
      m.getVoip(),
      m.getUan(),
      m.getPager(),
      m.getSharedCost(),
      m.getVoicemail(),
    ]) {
      if (d.hasNationalNumberPattern()) sources.add(d.getNationalNumberPattern());
    }
  }
  const patterns = [...sources].map((source) => new RegExp(`^(?:${source})$`));
  const codes = new Set(NANPA_NON_GEOGRAPHIC);
  for (let n = 200; n <= 999; n++) {
    const npa = String(n);
    if (owner.has(npa) || codes.has(npa)) continue;
    for (let exchange = 200; exchange <= 999 && !codes.has(npa); exchange += 37) {
      if (patterns.some((p) => p.test(`${npa}${exchange}0000`))) codes.add(npa);
    }
  }
  for (const npa of codes) {
    if (owner.has(npa))
      throw new Error(`area code ${npa} is both geographic (${owner.get(npa)}) and not`);
  }
  return [...codes].sort(byCodeUnit);
}

/** The metadata format version whose arrays keep number formats at index 4. */
const PHONE_METADATA_VERSION = 4;
const FORMATS_INDEX = 4;

/**
 * The source of `src/classify/phone-metadata.ts`: libphonenumber-js's `min` metadata
 * with every region's number formats emptied. Formats only serve formatting
 * and as-you-type, which this package never does; parsing reads the rest.
 */
export function generatePhoneMetadata(): string {
  const metadata = require('libphonenumber-js/metadata.min.json') as {
    version: number;
    countries: Record<string, unknown[]>;
    nonGeographic?: Record<string, unknown[]>;
  };
  if (metadata.version !== PHONE_METADATA_VERSION) {
    throw new Error(`libphonenumber-js metadata version ${metadata.version}: check FORMATS_INDEX`);
  }
  const strip = (plans: Record<string, unknown[]> | undefined): Record<string, unknown[]> => {
    const out: Record<string, unknown[]> = {};
    for (const [key, plan] of Object.entries(plans ?? {})) {
      out[key] = plan.map((value, i) => (i === FORMATS_INDEX && Array.isArray(value) ? [] : value));
    }
    return out;
  };
  const json = JSON.stringify({
    ...metadata,
    countries: strip(metadata.countries),
    ...(metadata.nonGeographic === undefined
      ? {}
      : { nonGeographic: strip(metadata.nonGeographic) }),
  });
  const lpnVersion = (require('libphonenumber-js/package.json') as { version: string }).version;
  return `/**
 * libphonenumber-js ${lpnVersion} \`min\` metadata without number formats, as JSON text.
 *
 * Generated by scripts/generate-tables.ts. Parsed on first use, so importing
 * the package does no work. Do not edit by hand: run \`npx tsx scripts/generate-tables.ts\`.
 */
export const PHONE_METADATA_JSON =
  ${quote(json)};
`;
}

// --- The supported regions (issue 14: parseConfig without the phone metadata) ---

/**
 * The source of `src/config/regions-table.ts`: every region of the
 * libphonenumber-js metadata that `src/classify/phone-metadata.ts` is made from, so a
 * country the configuration accepts is one classification supports
 * (`test/config/regions.test.ts` checks the two agree).
 */
export function generateRegionsTable(): string {
  const { countries } = require('libphonenumber-js/metadata.min.json') as {
    countries: Record<string, unknown>;
  };
  const regions = Object.keys(countries).sort(byCodeUnit);
  const lpnVersion = (require('libphonenumber-js/package.json') as { version: string }).version;
  // Twenty a line, each line but the last ending in the space that separates it from the next.
  const lines: string[] = [];
  for (let i = 0; i < regions.length; i += 20) {
    const end = i + 20 < regions.length ? ' ' : '';
    lines.push(`  '${regions.slice(i, i + 20).join(' ')}${end}'`);
  }
  return `/**
 * The regions (ISO 3166 alpha-2) that libphonenumber-js ${lpnVersion} \`min\` metadata
 * knows, space-separated: the countries a configuration may name (docs/rules.md#configuration).
 *
 * Generated by scripts/generate-tables.ts. Do not edit by hand: run \`npx tsx scripts/generate-tables.ts\`.
 */
export const REGION_CODES: string =
${lines.join(' +\n')};
`;
}

// --- Number types (issue 12: impossible national numbers are never domestic) ---

/**
 * How many leading digits the number-type tries go down: 3 is the least
 * that tells DE 999… (no type) from 99[0-7]… (fixed line). Each digit more
 * costs several kB gzipped (docs/classification.md, "Number types").
 */
export const NUMBER_TYPE_DEPTH = 3;
/** Below this many digits a trie node keeps only "some number has this prefix", not lengths. */
export const NUMBER_TYPE_LENGTHS_DEPTH = 1;

/** The metadata version 4 indexes of a region's calling code, pattern, lengths and types. */
const PLAN = { callingCode: 0, general: 2, lengths: 3, types: 11 } as const;

/**
 * The source of `src/classify/phone-types-table.ts`: each region's number-type trie
 * from libphonenumber-js `max` metadata (the same release as the shipped
 * `min`), for the regions where it refuses something the general pattern
 * accepts. +1 regions are left out: their numbers take docs/rules.md#classification's NANP path,
 * which never asks.
 */
export function generateNumberTypeTable(
  depth = NUMBER_TYPE_DEPTH,
  lengthsDepth = NUMBER_TYPE_LENGTHS_DEPTH,
): string {
  const metadata = require('libphonenumber-js/metadata.max.json') as {
    version: number;
    countries: Record<string, unknown[]>;
  };
  if (metadata.version !== PHONE_METADATA_VERSION) {
    throw new Error(`libphonenumber-js metadata version ${metadata.version}: check PLAN`);
  }
  const lines: string[] = [];
  for (const region of Object.keys(metadata.countries).sort(byCodeUnit)) {
    const plan = metadata.countries[region] ?? [];
    if (plan[PLAN.callingCode] === '1') continue;
    const trie = numberTypePrefixes(
      {
        general: plan[PLAN.general],
        lengths: plan[PLAN.lengths],
        types: plan[PLAN.types] ?? [],
      } as RegionPlan,
      depth,
      lengthsDepth,
    );
    if (trie !== undefined) lines.push(`  ${region}: ${quote(trie)},`);
  }
  const lpnVersion = (require('libphonenumber-js/package.json') as { version: string }).version;
  return `/**
 * Per region, the leading digits (up to ${depth}) and national-number lengths of its
 * numbers of every type, as tries read by \`src/classify/phone-types.ts\` (docs/rules.md#classification: impossible
 * national numbers are never domestic).
 *
 * Generated by scripts/generate-tables.ts from libphonenumber-js ${lpnVersion} \`max\`
 * metadata (the number-type patterns). Do not edit by hand: run \`npx tsx scripts/generate-tables.ts\`.
 */
export const NUMBER_TYPE_PREFIXES: Readonly<Record<string, string>> = {
${lines.join('\n')}
};
`;
}

/**
 * The source of `src/classify/mobile-table.ts`: per region outside the NANP
 * (where the metadata cannot tell mobile from fixed), the trie of its
 * mobile numbers (scripts/mobile-prefixes.ts), read by `src/classify/mobile.ts`.
 */
export function generateMobileTable(): string {
  const metadata = require('libphonenumber-js/metadata.max.json') as {
    version: number;
    countries: Record<string, unknown[]>;
  };
  if (metadata.version !== PHONE_METADATA_VERSION) {
    throw new Error(`libphonenumber-js metadata version ${metadata.version}: check PLAN`);
  }
  const lines: string[] = [];
  for (const region of Object.keys(metadata.countries).sort(byCodeUnit)) {
    const plan = metadata.countries[region] ?? [];
    if (plan[PLAN.callingCode] === '1') continue;
    const trie = mobilePrefixes({
      general: plan[PLAN.general],
      lengths: plan[PLAN.lengths],
      types: plan[PLAN.types] ?? [],
    } as RegionPlan);
    if (trie !== undefined) lines.push(`  ${region}: ${quote(trie)},`);
  }
  const lpnVersion = (require('libphonenumber-js/package.json') as { version: string }).version;
  return `/**
 * Per region, the national numbers the phone metadata types mobile, as tries
 * read by \`src/classify/phone-types.ts\`'s \`readTrie\` (a node's lengths: those whose
 * numbers with its prefix are all mobile). Regions absent have no number
 * that is mobile rather than fixed line (the NANP) — docs/rules.md#scoped-codes.
 *
 * Generated by scripts/generate-tables.ts from libphonenumber-js ${lpnVersion} \`max\`
 * metadata (general, fixed-line and mobile patterns). Do not edit by hand: run \`npx tsx scripts/generate-tables.ts\`.
 */
export const MOBILE_PREFIXES: Readonly<Record<string, string>> = {
${lines.join('\n')}
};
`;
}

/** Every generated table: path → source. */
export function generateTables(): Record<string, string> {
  return {
    [TABLE_PATHS.emergency]: generateEmergencyTable(),
    [TABLE_PATHS.premiumRate]: generatePremiumRateTable(),
    [TABLE_PATHS.nanp]: generateNanpTable(),
    [TABLE_PATHS.phoneMetadata]: generatePhoneMetadata(),
    [TABLE_PATHS.regions]: generateRegionsTable(),
    [TABLE_PATHS.numberTypes]: generateNumberTypeTable(),
    [TABLE_PATHS.mobile]: generateMobileTable(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const [path, source] of Object.entries(generateTables())) {
    writeFileSync(`${root}${path}`, source);
    console.log(`wrote ${path}`);
  }
}
