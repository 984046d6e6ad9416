import { parsePhoneNumberFromString, type PhoneNumber } from "libphonenumber-js/max";

/** Numbers typed without a country code are read as US/Canadian numbers, where the clinics are. */
const DEFAULT_COUNTRY = "US";

/** A typed phone number, when it is a valid one. */
export function parsePhone(value: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(value, DEFAULT_COUNTRY);
  return parsed?.isValid() ? parsed : undefined;
}

/**
 * A stored E.164 number as people read it: "(512) 555-0101" for the clinics' own North
 * American numbers, "+44 20 7946 0958" for the rest. Anything unreadable is shown as stored;
 * no number, null.
 */
export function formatPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === "1" ? parsed.formatNational() : parsed.formatInternational();
}
