/**
 * Cal.com pins `cal-api-version` per endpoint, and a missing or wrong value is not an error: the
 * request silently lands on an older controller with other inputs and outputs. Every call Sidecar
 * makes names its endpoint here, and the client sends exactly this value (a contract test checks
 * the map against what the sandbox's controllers accept).
 *
 * Sources: slots `2024-09-04` (SlotsController_2024_09_04); bookings create / get / reschedule /
 * cancel `2026-02-25` (BookingsController_2026_02_25, same DTOs as 2024-08-13); bookings list
 * `2026-05-01` (the cursor-paginated list); event types `2024-06-14`. The webhooks and /me
 * controllers are unversioned: they take no header.
 */
export const CALCOM_API_VERSIONS = {
  "GET /v2/me": null,
  "GET /v2/event-types": "2024-06-14",
  "GET /v2/slots": "2024-09-04",
  "POST /v2/bookings": "2026-02-25",
  "GET /v2/bookings": "2026-05-01",
  "GET /v2/bookings/{uid}": "2026-02-25",
  "POST /v2/bookings/{uid}/reschedule": "2026-02-25",
  "POST /v2/bookings/{uid}/cancel": "2026-02-25",
  "POST /v2/webhooks": null,
  "DELETE /v2/webhooks/{id}": null,
} as const satisfies Record<string, string | null>;

export type CalcomEndpoint = keyof typeof CALCOM_API_VERSIONS;

export const CAL_API_VERSION_HEADER = "cal-api-version";

/** The headers one endpoint needs besides auth. */
export function versionHeaders(endpoint: CalcomEndpoint): Record<string, string> {
  const version = CALCOM_API_VERSIONS[endpoint];
  return version ? { [CAL_API_VERSION_HEADER]: version } : {};
}

/** The webhook triggers Sidecar subscribes to. */
export const CALCOM_TRIGGERS = [
  "BOOKING_CREATED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REQUESTED",
  "BOOKING_REJECTED",
  "BOOKING_NO_SHOW_UPDATED",
] as const;
export type CalcomTrigger = (typeof CALCOM_TRIGGERS)[number];
