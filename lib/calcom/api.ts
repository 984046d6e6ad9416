import { z } from "zod";
import { KindedError } from "@/lib/errors";
import { versionHeaders, type CalcomEndpoint, type CalcomTrigger } from "@/lib/calcom/versions";

/**
 * A small client for the parts of Cal.com API v2 Sidecar uses. Auth is the agency's API key as
 * `Authorization: Bearer cal_…`; each call sends its endpoint's `cal-api-version` from
 * lib/calcom/versions.ts; every response is parsed with zod, so a silent fall-back to another
 * controller's shape fails loudly instead of storing nonsense. Cal.com answers
 * `{status:"success", data}` or `{status:"error", error:{code,message}}`.
 */

export class CalcomHttpError extends KindedError {
  static override readonly kind: string = "CalcomHttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From X-RateLimit-Reset-Default on a 429. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "CalcomHttpError";
  }
}

const ZBookingStatus = z.enum(["accepted", "cancelled", "rejected", "pending"]);

const ZAttendee = z.object({
  name: z.string().default(""),
  email: z.string(),
  timeZone: z.string().optional(),
  phoneNumber: z.string().nullish(),
  absent: z.boolean().optional(),
});

export const ZCalcomBooking = z.object({
  id: z.number(),
  uid: z.string().min(1),
  title: z.string().default(""),
  description: z.string().nullish(),
  status: ZBookingStatus,
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  duration: z.number().optional(),
  eventTypeId: z.number().nullish(),
  eventType: z.object({ id: z.number(), slug: z.string().optional() }).nullish(),
  attendees: z.array(ZAttendee).default([]),
  rescheduledFromUid: z.string().nullish(),
  rescheduledToUid: z.string().nullish(),
  /** A cancelled booking whose host asked the attendee for a new time. */
  rescheduled: z.boolean().nullish(),
  cancellationReason: z.string().nullish(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }).nullish(),
});
export type CalcomBooking = z.output<typeof ZCalcomBooking>;

const ZEventType = z.object({
  id: z.number(),
  title: z.string(),
  slug: z.string(),
  lengthInMinutes: z.number().int().positive(),
  hidden: z.boolean().optional(),
});
export type CalcomEventTypeInfo = z.output<typeof ZEventType>;

const ZMe = z.object({ id: z.number(), email: z.string(), username: z.string().nullish(), timeZone: z.string().optional() });

const ZWebhook = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  subscriberUrl: z.string(),
  active: z.boolean(),
  triggers: z.array(z.string()),
});

/** `data` of /v2/slots: local dates of the requested timeZone → start times with their offset. */
const ZSlots = z.record(z.string(), z.array(z.object({ start: z.iso.datetime({ offset: true }) })));

const ZBookingsPage = z.object({
  data: z.array(ZCalcomBooking),
  pagination: z.object({ nextCursor: z.string().nullish(), hasNextPage: z.boolean() }),
});

const ZEnvelope = z.object({ status: z.literal("success"), data: z.unknown() });
const ZErrorBody = z.object({ status: z.literal("error"), error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional() });

export interface CalcomClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Longest wait before retrying a read Cal.com refused with 429 (default 5 s). */
  maxRetryWaitMs?: number;
}

interface Call {
  endpoint: CalcomEndpoint;
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
}

export function calcomClient(options: CalcomClientOptions) {
  const doFetch = options.fetch ?? fetch;

  /**
   * Reads refused with 429 are retried once, after X-RateLimit-Reset-Default (capped): the key's
   * budget (120 a minute) is shared by every clinic of the agency. Writes are not retried, so a
   * booking is never made twice.
   */
  async function send(call: Call): Promise<{ status: number; body: unknown }> {
    try {
      return await sendOnce(call);
    } catch (err) {
      if (!(err instanceof CalcomHttpError) || err.status !== 429 || !call.endpoint.startsWith("GET ")) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(err.retryAfterMs ?? 1_000, options.maxRetryWaitMs ?? 5_000)));
      return sendOnce(call);
    }
  }

  async function sendOnce(call: Call): Promise<{ status: number; body: unknown }> {
    const method = call.endpoint.split(" ")[0]!;
    const url = new URL(call.path, options.baseUrl);
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          accept: "application/json",
          ...versionHeaders(call.endpoint),
          ...(call.json !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: call.json !== undefined ? JSON.stringify(call.json) : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      throw new CalcomHttpError(0, "NETWORK", err instanceof Error && err.name === "TimeoutError" ? `Cal.com did not answer within ${options.timeoutMs} ms` : "Cal.com could not be reached");
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const parsed = ZErrorBody.safeParse(body);
      const error = parsed.success ? parsed.data.error : undefined;
      const reset = Number(response.headers.get("x-ratelimit-reset-default") ?? response.headers.get("retry-after"));
      throw new CalcomHttpError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `Cal.com answered ${response.status}`, Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined);
    }
    return { status: response.status, body };
  }

  async function data<S extends z.ZodType>(call: Call, schema: S): Promise<z.output<S>> {
    const { body } = await send(call);
    return schema.parse(ZEnvelope.parse(body).data);
  }

  return {
    me: () => data({ endpoint: "GET /v2/me", path: "/v2/me" }, ZMe),
    listEventTypes: () => data({ endpoint: "GET /v2/event-types", path: "/v2/event-types" }, z.array(ZEventType)),
    /** Free start times of an event type; `timeZone` decides the date keys and offsets of the answer. */
    slots: (input: { eventTypeId: number; start: Date; end: Date; timeZone: string }) =>
      data(
        {
          endpoint: "GET /v2/slots",
          path: "/v2/slots",
          query: { eventTypeId: input.eventTypeId, start: input.start.toISOString(), end: input.end.toISOString(), timeZone: input.timeZone },
        },
        ZSlots,
      ),
    createBooking: (input: {
      eventTypeId: number;
      start: Date;
      attendee: { name: string; email: string; timeZone: string; phoneNumber?: string };
      metadata?: Record<string, string>;
      allowConflicts?: boolean;
    }) =>
      data(
        {
          endpoint: "POST /v2/bookings",
          path: "/v2/bookings",
          // Cal.com wants start in UTC; the end follows from the event type's length.
          json: { eventTypeId: input.eventTypeId, start: input.start.toISOString(), attendee: input.attendee, metadata: input.metadata, ...(input.allowConflicts ? { allowConflicts: true } : {}) },
        },
        ZCalcomBooking,
      ),
    getBooking: (uid: string) => data({ endpoint: "GET /v2/bookings/{uid}", path: `/v2/bookings/${encodeURIComponent(uid)}` }, ZCalcomBooking),
    rescheduleBooking: (uid: string, input: { start: Date; reschedulingReason?: string }) =>
      data(
        {
          endpoint: "POST /v2/bookings/{uid}/reschedule",
          path: `/v2/bookings/${encodeURIComponent(uid)}/reschedule`,
          json: { start: input.start.toISOString(), ...(input.reschedulingReason ? { reschedulingReason: input.reschedulingReason } : {}) },
        },
        ZCalcomBooking,
      ),
    cancelBooking: (uid: string, input: { cancellationReason?: string }) =>
      data({ endpoint: "POST /v2/bookings/{uid}/cancel", path: `/v2/bookings/${encodeURIComponent(uid)}/cancel`, json: input }, ZCalcomBooking),
    /** One page of bookings changed since `afterUpdatedAt`, oldest change first. */
    async listBookings(input: { afterUpdatedAt?: Date; cursor?: string; take?: number }) {
      const { body } = await send({
        endpoint: "GET /v2/bookings",
        path: "/v2/bookings",
        query: { afterUpdatedAt: input.afterUpdatedAt?.toISOString(), cursor: input.cursor, take: input.take ?? 100, sortUpdatedAt: "asc" },
      });
      const page = ZBookingsPage.parse(body);
      // The older list controller pages by offset and has no cursor: stopping at its first page
      // would look like a complete read. Refuse it instead.
      if (page.pagination.hasNextPage && !page.pagination.nextCursor) throw new CalcomHttpError(200, "NO_CURSOR", "Cal.com answered the bookings list without a cursor");
      return { bookings: page.data, nextCursor: page.pagination.hasNextPage ? page.pagination.nextCursor! : null };
    },
    createWebhook: (input: { subscriberUrl: string; secret: string; triggers: readonly CalcomTrigger[] }) =>
      data({ endpoint: "POST /v2/webhooks", path: "/v2/webhooks", json: { subscriberUrl: input.subscriberUrl, secret: input.secret, triggers: input.triggers, active: true } }, ZWebhook),
    async deleteWebhook(id: string) {
      await send({ endpoint: "DELETE /v2/webhooks/{id}", path: `/v2/webhooks/${encodeURIComponent(id)}` });
    },
  };
}

export type CalcomClient = ReturnType<typeof calcomClient>;
