/**
 * libphonenumber-js's own `getCountryCallingCode` on the package's metadata:
 * an oracle for the library's `callingCodeOf`, which reads the metadata
 * directly. Only the tests need it, so it lives here (in src/ its import
 * would be left dangling in every bundle that shakes it off).
 */
import {
  type CountryCallingCode,
  type CountryCode,
  type MetadataJson,
  getCountryCallingCode as withMetadata,
} from 'libphonenumber-js/core';
import { PHONE_METADATA_JSON } from '../../src/classify/phone-metadata.js';

const METADATA = JSON.parse(PHONE_METADATA_JSON) as MetadataJson;

export function getCountryCallingCode(country: CountryCode): CountryCallingCode {
  return withMetadata(country, METADATA);
}
