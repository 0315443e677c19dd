import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { OutboundError } from './errors.js';

/**
 * Phone numbers are compared and stored as E.164 only. The "max" metadata is used because
 * dialing a number that merely has the right length wastes a line and an attempt.
 */
export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const REGION = /^[A-Z]{2}$/;

export function assertRegion(region: string): asserts region is CountryCode {
  if (!REGION.test(region)) {
    throw new OutboundError(
      'invalid_phone',
      `default region "${region}" is not an ISO 3166 two-letter code such as CN`,
    );
  }
}

export function normalisePhone(raw: string, defaultRegion = 'CN'): PhoneResult {
  assertRegion(defaultRegion);
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return { ok: false, reason: 'phone number is empty' };
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  if (!parsed) return { ok: false, reason: `"${text}" is not a phone number` };
  if (!parsed.isValid()) {
    return { ok: false, reason: `"${text}" is not a valid number (read as ${parsed.number})` };
  }
  return { ok: true, e164: parsed.number };
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return typeof value === 'string' && E164.test(value);
}
