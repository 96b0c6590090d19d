/**
 * The call ids a report has seen (docs/rules.md#reports-that-bill): a CDR
 * repeated (the same Asterisk `uniqueid`, the same record `callId`) counts
 * once. A report streams millions of calls, so the ids are not kept: each is
 * kept as a 63-bit fingerprint and the line it was first seen on, in an
 * open-addressing table of typed arrays — 12 bytes a slot, at most half the
 * slots used, so 24 to 48 bytes a call with an id, whatever the id's length.
 * Two different ids share a fingerprint with a chance of about n²/2^64 (one
 * in 30 million at a million calls); the warning names both lines, so such a
 * call is never dropped unseen.
 */

/** What {@link CallIdSet.see} found. */
export type SeenCallId =
  | { readonly repeated: false }
  | {
      readonly repeated: true;
      /** The line the id was first seen on, or `null` when that call had none. */
      readonly firstLine: number | null;
    };

/** A set of call ids, with the line each was first seen on. */
export interface CallIdSet {
  /** Notes `id` seen on `line`; says whether it was seen before, and where. */
  see(id: string, line: number | null): SeenCallId;
  /** Ids held. */
  readonly size: number;
  /** Bytes its tables take now. */
  readonly bytes: number;
}

const NOT_REPEATED: SeenCallId = { repeated: false };
const INITIAL_SLOTS = 1024;

export function createCallIdSet(): CallIdSet {
  let slots = INITIAL_SLOTS;
  let high = new Uint32Array(slots);
  /** 0 marks an empty slot: the low half of a fingerprint always has its low bit set. */
  let low = new Uint32Array(slots);
  /** The first line, 0 for none (lines are 1-based). */
  let lines = new Uint32Array(slots);
  let size = 0;

  const slotOf = (h: number, l: number, inHigh: Uint32Array, inLow: Uint32Array): number => {
    const mask = inHigh.length - 1;
    let at = (h ^ Math.imul(l, 0x9e3779b1)) & mask;
    while (inLow[at] !== 0 && (inLow[at] !== l || inHigh[at] !== h)) at = (at + 1) & mask;
    return at;
  };
  const grow = (): void => {
    const oldHigh = high;
    const oldLow = low;
    const oldLines = lines;
    slots *= 2;
    high = new Uint32Array(slots);
    low = new Uint32Array(slots);
    lines = new Uint32Array(slots);
    for (let i = 0; i < oldLow.length; i++) {
      const l = oldLow[i] as number;
      if (l === 0) continue;
      const at = slotOf(oldHigh[i] as number, l, high, low);
      high[at] = oldHigh[i] as number;
      low[at] = l;
      lines[at] = oldLines[i] as number;
    }
  };

  return {
    see(id, line) {
      const h = hash(id, 0x811c9dc5, 0x01000193);
      const l = (hash(id, 0x050c5d1f, 0x2127599b) | 1) >>> 0;
      const at = slotOf(h, l, high, low);
      if (low[at] !== 0) {
        const first = lines[at] as number;
        return { repeated: true, firstLine: first === 0 ? null : first };
      }
      high[at] = h;
      low[at] = l;
      lines[at] = line !== null && line > 0 && line <= 0xffffffff ? line : 0;
      size += 1;
      if (size * 2 > slots) grow();
      return NOT_REPEATED;
    },
    get size() {
      return size;
    },
    get bytes() {
      return slots * 12;
    },
  };
}

/**
 * FNV-1a's shape over UTF-16 code units, from `seed` with multiplier
 * `prime` (two different pairs give two unrelated halves of a fingerprint),
 * then murmur3's final mix so every bit counts.
 */
function hash(text: string, seed: number, prime: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, prime);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
