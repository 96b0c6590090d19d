import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const entryDir = new URL('../../src/entry/', import.meta.url);
const files = readdirSync(entryDir).filter((name) => name.endsWith('.ts'));

describe('the entry modules', () => {
  // Bundle budget: code entry must not pull in zod, the phone metadata or classification.
  it.each(files)(
    '%s imports nothing heavy: no zod, libphonenumber-js, phone, schema or classify',
    (name) => {
      const source = readFileSync(new URL(name, entryDir), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) {
        expect(spec).not.toMatch(
          /^(zod|libphonenumber-js)|\/phone\.js$|config\/schema\.js$|\/classify\//,
        );
      }
    },
  );
});
