/**
 * `configJsonSchema()` is published (`account-codes schema`) for editors and
 * validators: it must state the docs/rules.md#configuration and docs/rules.md#the-config-file-and-the-cli contract exactly — every
 * field, its range or form, its default, and that unknown fields are errors.
 */
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';

const CALL_TYPE = {
  type: 'string',
  enum: [
    'international',
    'directoryAssistance',
    'premiumToll',
    'tollFree',
    'domestic',
    'mobile',
    'serviceCode',
  ],
} as const;

const UNATTENDED_CALLS = {
  anyOf: [
    { type: 'string', const: 'end' },
    { type: 'string', const: 'connect' },
    {
      type: 'object',
      required: ['code'],
      additionalProperties: false,
      properties: { code: { type: 'string' } },
    },
  ],
} as const;

describe('configJsonSchema (docs/rules.md#configuration, docs/rules.md#the-config-file-and-the-cli)', () => {
  it('describes every field of the file with its range, form and default, and no other field', () => {
    expect(configJsonSchema()).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'account-codes configuration',
      description: 'One account with Account Codes and its SIP trunks.',
      type: 'object',
      required: ['account'],
      additionalProperties: false,
      properties: {
        account: {
          type: 'object',
          required: ['codeLength', 'maxRetries'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', pattern: '^[^\\p{C}]{1,64}$' },
            country: { type: 'string', default: 'US' },
            codeLength: { type: 'integer', minimum: 3, maximum: 7 },
            maxRetries: { type: 'integer', minimum: 1, maximum: 9 },
            settings: {
              type: 'object',
              default: {},
              additionalProperties: false,
              properties: {
                enabled: { type: 'boolean', default: false },
                requireForInternalCalls: { type: 'boolean', default: false },
                validateCodes: { type: 'boolean', default: false },
                allowCallAfterMaxRetries: { type: 'boolean', default: false },
                requiredCallTypes: { type: 'array', default: [], items: CALL_TYPE },
                unattendedCalls: { ...UNATTENDED_CALLS, default: 'end' },
                midCallCode: { type: 'string', default: '*50', pattern: '^\\*[0-9]{1,3}$' },
                postCallTagMinutes: { type: 'integer', default: 1440, minimum: 0, maximum: 44640 },
                lockout: {
                  default: {},
                  anyOf: [
                    { type: 'boolean', const: false },
                    {
                      type: 'object',
                      additionalProperties: false,
                      properties: {
                        maxFailures: { type: 'integer', default: 10, minimum: 1, maximum: 100 },
                        windowMinutes: { type: 'integer', default: 60, minimum: 1, maximum: 10080 },
                        scope: {
                          type: 'string',
                          default: 'trunk',
                          enum: ['trunk', 'caller', 'account'],
                        },
                        unlockAfterMinutes: {
                          default: 60,
                          anyOf: [
                            { type: 'integer', minimum: 1, maximum: 10080 },
                            { type: 'null' },
                          ],
                        },
                        maxFailuresPerDay: {
                          type: 'integer',
                          default: 30,
                          minimum: 1,
                          maximum: 1000,
                        },
                      },
                    },
                  ],
                },
              },
            },
            dialPlan: {
              type: 'object',
              default: {},
              additionalProperties: false,
              properties: {
                extensionLengths: {
                  type: 'array',
                  default: [],
                  items: { type: 'integer', minimum: 2, maximum: 6 },
                },
                ownNumbers: {
                  type: 'array',
                  default: [],
                  items: { type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' },
                },
                outsideLinePrefix: { type: 'string', pattern: '^[0-9]{1,2}$' },
              },
            },
            codes: {
              type: 'array',
              default: [],
              items: {
                type: 'object',
                required: ['code'],
                additionalProperties: false,
                properties: {
                  code: { type: 'string' },
                  name: {
                    type: 'string',
                    maxLength: 64,
                    pattern:
                      '^[^\\p{Cc}\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*$',
                  },
                  callTypes: { type: 'array', minItems: 1, items: CALL_TYPE },
                  trunks: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'string',
                      pattern:
                        '^[^\\s\\p{Cc}](?:[^\\p{Cc}\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]{0,62}[^\\s\\p{Cc}])?$',
                    },
                  },
                  suspended: { type: 'boolean' },
                  validFrom: { type: 'string', format: 'date-time' },
                  validUntil: { type: 'string', format: 'date-time' },
                },
              },
            },
            domesticCountries: { type: 'array', items: { type: 'string' } },
            exemptNumbers: {
              type: 'array',
              default: ['988', '711'],
              items: { type: 'string', pattern: '^[0-9]{2,15}$' },
            },
          },
        },
        trunks: {
          type: 'array',
          default: [],
          items: {
            type: 'object',
            required: ['id'],
            additionalProperties: false,
            properties: {
              id: {
                type: 'string',
                pattern:
                  '^[^\\s\\p{Cc}](?:[^\\p{Cc}\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]{0,62}[^\\s\\p{Cc}])?$',
              },
              accountCodesEnabled: { type: 'boolean', default: false },
              customSettings: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  requireForInternalCalls: { type: 'boolean' },
                  validateCodes: { type: 'boolean' },
                  allowCallAfterMaxRetries: { type: 'boolean' },
                  requiredCallTypes: { type: 'array', items: CALL_TYPE },
                  unattendedCalls: UNATTENDED_CALLS,
                },
              },
            },
          },
        },
      },
    });
  });
});
