/** When a lot counts as expiring (client-safe: the alerts card names the window). */

/** Lots expiring within this many days (or already expired) are flagged. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export function expiryCutoff(now = new Date()): Date {
  return new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS);
}
