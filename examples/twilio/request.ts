/**
 * What Twilio posts, read into the library's words. The dial string needs no
 * help: `evaluateCall` reads `To` as sent (a `sip:`/`sips:`/`tel:` URI or
 * E.164, docs/rules.md#classification). What the library does not read is the SIP domain, which
 * names the trunk, and the caller id in `From`, which the lockout ledger
 * counts by (docs/rules.md#lockout).
 */

/** `sip:`/`sips:` URI: the user part and the host. */
const SIP_URI = /^sips?:([^@]*)@([^;?>:]+)/i;

/**
 * The host of a `sip:`/`sips:` URI, lower-cased; `undefined` for anything else.
 *
 * @example
 * ```ts
 * sipDomain('sip:911@ACME.sip.twilio.com;transport=udp'); // 'acme.sip.twilio.com'
 * sipDomain('+12125551234');                              // undefined
 * ```
 */
export function sipDomain(value: string): string | undefined {
  const sip = SIP_URI.exec(value.trim());
  return sip === null ? undefined : (sip[2] as string).toLowerCase();
}

/**
 * The user part of a `sip:`/`sips:`/`tel:` URI (parameters dropped,
 * percent-decoded), or the value itself: `From` as a caller id.
 *
 * @example
 * ```ts
 * userPart('sip:201@acme.sip.twilio.com'); // '201'
 * userPart('tel:+12125550123;ext=1');      // '+12125550123'
 * ```
 */
export function userPart(value: string): string {
  const text = value.trim();
  const raw = SIP_URI.exec(text)?.[1] ?? /^tel:(.*)$/i.exec(text)?.[1];
  if (raw === undefined) return text;
  const user = raw.split(';', 1)[0] ?? '';
  try {
    return decodeURIComponent(user);
  } catch {
    // A broken escape stays as it is; it is then no caller id.
    return user;
  }
}

/**
 * The trunk of a call: the mapping's entry for the first domain that has one
 * (the SIP domain of `To`, then of `From`: a phone registered on a SIP domain
 * calls from it). `undefined` when nothing maps: the call fails closed unless
 * it is an emergency number.
 *
 * @example
 * ```ts
 * trunkOf([sipDomain(to), sipDomain(from)], { 'acme.sip.twilio.com': 'hq' }); // 'hq'
 * ```
 */
export function trunkOf(
  domains: readonly (string | undefined)[],
  trunks: Readonly<Record<string, string>>,
): string | undefined {
  for (const key of domains) {
    if (key !== undefined && Object.hasOwn(trunks, key)) return trunks[key];
  }
  return undefined;
}
