/**
 * The one place that picks the libphonenumber-js metadata flavour, so the
 * package never bundles two copies of it. See docs/classification.md for why
 * this flavour and what it costs.
 */

export type { CountryCode } from 'libphonenumber-js/min';
export {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';
