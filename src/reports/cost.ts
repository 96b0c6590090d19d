/**
 * The price of one call from a rate deck (docs/rules.md#reports-that-bill):
 * the longest deck prefix of its destination's E.164 digits, as
 * classification reads the dial string through the account's dial plan
 * (`9 011 44 20 7946 0000` is `442079460000`), its billable seconds rounded
 * up to that prefix's increments, times its rate per minute, exactly.
 */
import type { Classification } from '../classify/types.js';
import { billedSeconds } from './increments.js';
import { costOf } from './money.js';
import type { RateDeck, RateDeckEntry } from './rate-deck.js';

/** What a call costs. */
export type CallCost =
  | {
      /** Priced by a prefix of the deck. */
      readonly kind: 'rated';
      /** Millionths of the deck's currency, rounded half up once. */
      readonly cost: bigint;
      /** Seconds billed: the billable seconds rounded up to the increments. */
      readonly billedSeconds: number;
      /** The deck entry that priced it. */
      readonly entry: RateDeckEntry;
    }
  | {
      /** Costs nothing by rule: not answered, or it never left the account, or an emergency call. */
      readonly kind: 'free';
      readonly reason: 'not-answered' | 'internal' | 'emergency';
    }
  | {
      /** Answered, but no prefix of the deck matches its destination (or it has none): never priced as free. */
      readonly kind: 'unrated';
      /** The destination's E.164 form, or the dial string when it has none. */
      readonly destination: string;
    };

/**
 * The cost of a call given how its dial string classifies.
 *
 * @example
 * ```ts
 * priceCall(deck, classifyCall('9011442079460000', account), true, 47);
 * // { kind: 'rated', cost: 10_000n, billedSeconds: 60, entry: { prefix: '44', … } } at 0.01 a minute, 60/60
 * ```
 */
export function priceCall(
  deck: RateDeck,
  classification: Classification,
  answered: boolean,
  billableSeconds: number,
): CallCost {
  if (!answered) return NOT_ANSWERED;
  switch (classification.kind) {
    case 'internal':
      return INTERNAL;
    case 'emergency':
      return EMERGENCY;
    case 'invalid':
      return { kind: 'unrated', destination: classification.dialed };
    case 'external': {
      const e164 = classification.e164;
      const entry = e164 === undefined ? undefined : deck.match(e164.slice(1));
      if (entry === undefined)
        return { kind: 'unrated', destination: e164 ?? classification.dialed };
      const billed = billedSeconds(billableSeconds, entry.increments);
      return { kind: 'rated', cost: costOf(entry.rateUnits, billed), billedSeconds: billed, entry };
    }
    default:
      return classification satisfies never;
  }
}

const NOT_ANSWERED: CallCost = { kind: 'free', reason: 'not-answered' };
const INTERNAL: CallCost = { kind: 'free', reason: 'internal' };
const EMERGENCY: CallCost = { kind: 'free', reason: 'emergency' };
