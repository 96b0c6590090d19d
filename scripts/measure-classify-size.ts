/**
 * Measures what `import { classifyCall, decide }` costs a bundle (issue 4:
 * budget 35 kB gzipped): an esbuild bundle, minified, gzipped at level 9,
 * next to libphonenumber-js `min` and `max` alone for comparison.
 * Run: `npx tsx scripts/measure-classify-size.ts`.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRIES: Record<string, string> = {
  'classifyCall + decide': `export { classifyCall } from './src/classify/classify.ts';
export { decide } from './src/decide.ts';`,
  'libphonenumber-js/min parsePhoneNumberFromString': `export { parsePhoneNumberFromString } from 'libphonenumber-js/min';`,
  'libphonenumber-js/max parsePhoneNumberFromString': `export { parsePhoneNumberFromString } from 'libphonenumber-js/max';`,
  'generated tables only': `export { EMERGENCY_NUMBERS } from './src/classify/emergency-table.ts';
export { PREMIUM_RATE_PATTERNS } from './src/classify/premium-rate-table.ts';
export { NANP_AREA_CODES } from './src/classify/nanp-table.ts';`,
};

/** Gzipped size in bytes of a minified ESM bundle of `source`. */
export async function gzippedBundleSize(source: string): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return gzipSync(code, { level: 9 }).length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, source] of Object.entries(ENTRIES)) {
    const bytes = await gzippedBundleSize(source);
    console.log(`${name}: ${(bytes / 1024).toFixed(1)} kB gzipped`);
  }
}
