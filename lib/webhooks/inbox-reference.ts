/** The reference a stored inbox `lastError` starts with ("1a2b3c4d: detail"), for people to quote; never the detail. */
export function inboxErrorReference(lastError: string | null): string | null {
  return lastError?.match(/^([0-9a-f]{8}): /)?.[1] ?? null;
}
