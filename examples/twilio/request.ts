/**
 * What Twilio posts, read into the library's words: the dial string from
 * `To` (a `sip:`/`sips:`/`tel:` URI's user part, or E.164), the caller from
 * `From`, the trunk from the SIP domain or a configured mapping. Until the
 * library's normaliser reads URIs itself (issue 12), the example does it here.
 */

/** A `To`/`From` value taken apart. */
export interface Address {
  /** The user part of a URI (parameters dropped, percent-decoded), or the value itself. */
  readonly user: string;
  /** The host of a `sip:`/`sips:` URI, lower-cased. */
  readonly domain?: string;
}

/**
 * Reads `sip:011442079460000@acme.sip.twilio.com;transport=udp`,
 * `tel:+1911;phone-context=+1` or `+12125551234`.
 *
 * @example
 * ```ts
 * parseAddress('sip:911@acme.sip.twilio.com'); // { user: '911', domain: 'acme.sip.twilio.com' }
 * ```
 */
export function parseAddress(value: string): Address {
  const text = value.trim();
  const sip = /^sips?:([^@]*)@([^;?>:]+)/i.exec(text);
  if (sip !== null) {
    return { user: userPart(sip[1] as string), domain: (sip[2] as string).toLowerCase() };
  }
  const tel = /^tel:(.*)$/i.exec(text);
  if (tel !== null) return { user: userPart(tel[1] as string) };
  return { user: text };
}

/** `911;phone-context=+1` → `911`; `%2B1911` → `+1911`. */
function userPart(raw: string): string {
  const user = raw.split(';', 1)[0] ?? '';
  try {
    return decodeURIComponent(user);
  } catch {
    // A broken escape stays as it is; classification will call it invalid.
    return user;
  }
}

/**
 * The trunk of a call: the mapping's entry for the SIP domain of `To`, else of
 * `From` (a phone registered on a SIP domain calls from it). `undefined` when
 * nothing maps: the call fails closed unless it is an emergency number.
 *
 * @example
 * ```ts
 * trunkOf(parseAddress(to), parseAddress(from), { 'acme.sip.twilio.com': 'hq' }); // 'hq'
 * ```
 */
export function trunkOf(
  to: Address,
  from: Address,
  trunks: Readonly<Record<string, string>>,
): string | undefined {
  for (const key of [to.domain, from.domain]) {
    if (key !== undefined && Object.hasOwn(trunks, key)) return trunks[key];
  }
  return undefined;
}
