import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type { CountryCode };

/**
 * Turns a phone number as a caller, an agent or a trunk wrote it ("138 0013 8000",
 * "+86 138-0013-8000", "008613800138000") into E.164 ("+8613800138000"), or null when it is not
 * a valid number. Numbers without a country prefix are read in `region`.
 */
export function normalisePhone(raw: string, region: CountryCode = 'CN'): string | null {
  const trimmed = raw.trim();
  // Letters would be read as a keypad ("1-800-FLOWERS"); an agent typing a name here is a mistake.
  if (trimmed === '' || /[a-z]/i.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}
