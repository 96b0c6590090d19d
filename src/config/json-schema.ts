/**
 * The JSON Schema of the configuration file, generated from the same zod
 * schema that {@link parseConfig} uses, so the two cannot disagree.
 */
import * as z from 'zod/mini';
import { getSchemas } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of the configuration file of docs/rules.md#the-config-file-and-the-cli: the
 * shape, ranges, forms and defaults. Cross-field rules (codes as long as
 * `codeLength`, unique codes and trunk ids, validation needs codes) are only
 * checked by {@link parseConfig}.
 *
 * @example
 * ```ts
 * writeFileSync('account-codes.schema.json', JSON.stringify(configJsonSchema(), null, 2));
 * ```
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(getSchemas().config, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'account-codes configuration',
    description: 'One account with Account Codes and its SIP trunks.',
  };
}
