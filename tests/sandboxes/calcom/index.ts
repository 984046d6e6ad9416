import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { computeSlots, type Availability } from "./slots";

/**
 * A stand-in for Cal.com API v2 on loopback, speaking its protocol as Cal.com documents it:
 * Bearer API keys, `cal-api-version` per endpoint (a missing or wrong one silently gets the
 * older controller's shapes, as the real API does), the `{status, data}` envelope and
 * `{status:"error", error}` errors, 120 requests a minute per key with X-RateLimit-*-Default
 * headers, slots computed per requested timeZone, bookings whose reschedule creates a new uid,
 * the cursor-paginated bookings list, and webhooks signed with X-Cal-Signature-256 (or
 * `no-secret-provided`), sent with `redirect: "manual"` and disabled after repeated failures.
 */

export const SANDBOX_VERSIONS = {
  eventTypes: "2024-06-14",
  slots: "2024-09-04",
  bookings: "2026-02-25",
  bookingsList: "2026-05-01",
} as const;

export interface SandboxUser {
  id: number;
  email: string;
  username: string;
  timeZone: string;
  apiKey: string;
}

export interface SandboxEventType {
  id: number;
  userId: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
  requiresConfirmation: boolean;
  availability: Availability;
}

export interface SandboxAttendee {
  name: string;
  email: string;
  timeZone: string;
  phoneNumber?: string;
  absent?: boolean;
}

export interface SandboxBooking {
  id: number;
  uid: string;
  userId: number;
  eventTypeId: number;
  title: string;
  status: "accepted" | "cancelled" | "rejected" | "pending";
  start: Date;
  end: Date;
  attendees: SandboxAttendee[];
  rescheduledFromUid: string | null;
  rescheduledToUid: string | null;
  rescheduled: boolean;
  cancellationReason: string | null;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export interface SandboxWebhook {
  id: string;
  userId: number;
  subscriberUrl: string;
  active: boolean;
  triggers: string[];
  secret: string | null;
  consecutiveFailures: number;
}

export interface Delivery {
  webhookId: string;
  triggerEvent: string;
  status: number | "network-error";
  body: string;
}

export interface CalcomSandboxOptions {
  port?: number;
  /** Consecutive failed deliveries after which a webhook is switched off (default 5). */
  disableAfterFailures?: number;
  /** Requests per window per API key (default 120 a minute). */
  rateLimitPerMinute?: number;
  /** The rate-limit window (default 60 s); tests shorten it. */
  rateLimitWindowMs?: number;
  now?: () => Date;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const iso = (d: Date) => d.toISOString();

export async function startCalcomSandbox(options: CalcomSandboxOptions = {}) {
  const now = options.now ?? (() => new Date());
  const disableAfter = options.disableAfterFailures ?? 5;
  const perMinute = options.rateLimitPerMinute ?? 120;
  const windowMs = options.rateLimitWindowMs ?? 60_000;
  const users = new Map<string, SandboxUser>();
  const eventTypes = new Map<number, SandboxEventType>();
  const bookings = new Map<string, SandboxBooking>();
  const webhooks = new Map<string, SandboxWebhook>();
  const deliveries: Delivery[] = [];
  const requests: Array<{ method: string; path: string; version: string | null }> = [];
  const windows = new Map<string, { startedAt: number; count: number }>();
  const inFlight = new Set<Promise<void>>();
  let nextId = 1000;
  let muted = false;

  // ---- webhooks -------------------------------------------------------------------------
  function bookingPayload(b: SandboxBooking, extra: Record<string, unknown> = {}) {
    const type = eventTypes.get(b.eventTypeId)!;
    const host = [...users.values()].find((u) => u.id === b.userId)!;
    return {
      type: type.slug,
      title: b.title,
      description: null,
      additionalNotes: "",
      customInputs: {},
      startTime: iso(b.start),
      endTime: iso(b.end),
      organizer: { id: host.id, name: host.username, email: host.email, username: host.username, timeZone: host.timeZone, language: { locale: "en" }, timeFormat: "h:mma", utcOffset: 0 },
      responses: { name: { label: "your_name", value: b.attendees[0]?.name }, email: { label: "email_address", value: b.attendees[0]?.email } },
      userFieldsResponses: {},
      attendees: b.attendees.map((a) => ({ email: a.email, name: a.name, timeZone: a.timeZone, phoneNumber: a.phoneNumber, language: { locale: "en" }, utcOffset: 0 })),
      location: "integrations:daily",
      destinationCalendar: null,
      uid: b.uid,
      bookingId: b.id,
      eventTypeId: b.eventTypeId,
      eventTitle: type.title,
      length: type.lengthInMinutes,
      price: 0,
      currency: "usd",
      requiresConfirmation: type.requiresConfirmation,
      metadata: {},
      status: b.status.toUpperCase(),
      ...extra,
    };
  }

  async function deliver(hook: SandboxWebhook, triggerEvent: string, body: string) {
    let status: Delivery["status"];
    try {
      const response = await fetch(hook.subscriberUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Cal-Signature-256": hook.secret ? createHmac("sha256", hook.secret).update(body).digest("hex") : "no-secret-provided" },
        body,
        // Cal.com does not follow redirects: a 3xx is a failed delivery.
        redirect: "manual",
        signal: AbortSignal.timeout(5_000),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = "network-error";
    }
    deliveries.push({ webhookId: hook.id, triggerEvent, status, body });
    if (typeof status === "number" && status >= 200 && status < 300) hook.consecutiveFailures = 0;
    else if (++hook.consecutiveFailures >= disableAfter) hook.active = false;
  }

  function emit(userId: number, triggerEvent: string, payload: Record<string, unknown>) {
    if (muted) return;
    const body = JSON.stringify({ triggerEvent, createdAt: iso(now()), payload });
    for (const hook of webhooks.values()) {
      if (hook.userId !== userId || !hook.active || !hook.triggers.includes(triggerEvent)) continue;
      const sending = deliver(hook, triggerEvent, body).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  }

  // ---- bookings ----------------------------------------------------------------------------
  function busyFor(userId: number, exceptUid?: string) {
    return [...bookings.values()].filter((b) => b.userId === userId && b.uid !== exceptUid && (b.status === "accepted" || b.status === "pending")).map((b) => ({ start: b.start, end: b.end }));
  }

  function isFree(type: SandboxEventType, start: Date, exceptUid?: string) {
    const slots = computeSlots({ availability: type.availability, lengthInMinutes: type.lengthInMinutes, start, end: start, busy: busyFor(type.userId, exceptUid), timeZone: "UTC", now: now() });
    return Object.values(slots).flat().some((s) => new Date(s.start).getTime() === start.getTime());
  }

  function createBooking(type: SandboxEventType, start: Date, attendee: SandboxAttendee, opts: { metadata?: Record<string, string>; rescheduledFromUid?: string; allowConflicts?: boolean } = {}) {
    if (!opts.allowConflicts && !isFree(type, start, opts.rescheduledFromUid)) throw new ApiError(400, "BAD_REQUEST", "User either already has booking at this time or is not available");
    const at = now();
    const booking: SandboxBooking = {
      id: nextId++,
      uid: randomBytes(11).toString("base64url"),
      userId: type.userId,
      eventTypeId: type.id,
      title: `${type.title} between ${attendee.name} and host`,
      status: type.requiresConfirmation ? "pending" : "accepted",
      start,
      end: new Date(start.getTime() + type.lengthInMinutes * 60_000),
      attendees: [attendee],
      rescheduledFromUid: opts.rescheduledFromUid ?? null,
      rescheduledToUid: null,
      rescheduled: false,
      cancellationReason: null,
      metadata: opts.metadata ?? {},
      createdAt: at,
      updatedAt: at,
    };
    bookings.set(booking.uid, booking);
    return booking;
  }

  function book(type: SandboxEventType, start: Date, attendee: SandboxAttendee, opts: { metadata?: Record<string, string>; allowConflicts?: boolean } = {}) {
    const booking = createBooking(type, start, attendee, opts);
    emit(booking.userId, booking.status === "pending" ? "BOOKING_REQUESTED" : "BOOKING_CREATED", bookingPayload(booking));
    return booking;
  }

  function reschedule(uid: string, start: Date, reason?: string) {
    const old = bookings.get(uid);
    if (!old) throw new ApiError(404, "NOT_FOUND", `Booking with uid=${uid} was not found in the database`);
    if (old.status === "cancelled" || old.status === "rejected") throw new ApiError(400, "BAD_REQUEST", "Can't reschedule a cancelled or rejected booking");
    const type = eventTypes.get(old.eventTypeId)!;
    const fresh = createBooking(type, start, old.attendees[0]!, { metadata: old.metadata, rescheduledFromUid: old.uid });
    fresh.status = "accepted";
    old.status = "cancelled";
    old.rescheduled = true;
    old.rescheduledToUid = fresh.uid;
    old.updatedAt = now();
    emit(fresh.userId, "BOOKING_RESCHEDULED", bookingPayload(fresh, { rescheduleId: old.id, rescheduleUid: old.uid, rescheduleStartTime: iso(old.start), rescheduleEndTime: iso(old.end), rescheduledBy: reason ? old.attendees[0]?.email : undefined }));
    return fresh;
  }

  function cancel(uid: string, reason?: string) {
    const b = bookings.get(uid);
    if (!b) throw new ApiError(404, "NOT_FOUND", `Booking with uid=${uid} was not found in the database`);
    if (b.status === "cancelled") throw new ApiError(400, "BAD_REQUEST", "This booking has already been cancelled.");
    b.status = "cancelled";
    b.cancellationReason = reason ?? null;
    b.updatedAt = now();
    emit(b.userId, "BOOKING_CANCELLED", bookingPayload(b, { cancellationReason: reason ?? null, cancelledBy: b.attendees[0]?.email }));
    return b;
  }

  function bookingOutput(b: SandboxBooking) {
    const type = eventTypes.get(b.eventTypeId)!;
    const host = [...users.values()].find((u) => u.id === b.userId)!;
    return {
      id: b.id,
      uid: b.uid,
      title: b.title,
      description: "",
      hosts: [{ id: host.id, name: host.username, email: host.email, username: host.username, timeZone: host.timeZone }],
      status: b.status,
      cancellationReason: b.cancellationReason,
      reschedulingReason: null,
      rescheduledFromUid: b.rescheduledFromUid,
      rescheduledToUid: b.rescheduledToUid,
      rescheduled: b.rescheduled,
      start: iso(b.start),
      end: iso(b.end),
      duration: type.lengthInMinutes,
      eventTypeId: type.id,
      eventType: { id: type.id, slug: type.slug },
      location: "integrations:daily",
      absentHost: false,
      createdAt: iso(b.createdAt),
      updatedAt: iso(b.updatedAt),
      metadata: b.metadata,
      attendees: b.attendees.map((a) => ({ name: a.name, email: a.email, timeZone: a.timeZone, phoneNumber: a.phoneNumber, language: "en", absent: a.absent ?? false })),
      guests: [],
      bookingFieldsResponses: { name: b.attendees[0]?.name, email: b.attendees[0]?.email },
    };
  }

  /** What the 2024-04-15 controller answered: another shape entirely (what a missing version gets). */
  function legacyBooking(b: SandboxBooking) {
    return { id: b.id, uid: b.uid, userId: b.userId, eventTypeId: b.eventTypeId, title: b.title, startTime: iso(b.start), endTime: iso(b.end), status: b.status.toUpperCase(), attendees: b.attendees };
  }

  // ---- HTTP --------------------------------------------------------------------------------
  function authed(req: IncomingMessage): SandboxUser {
    const header = req.headers.authorization ?? "";
    const key = header.startsWith("Bearer ") ? header.slice(7) : "";
    const user = users.get(key);
    if (!user) throw new ApiError(401, "UNAUTHORIZED", "Invalid API Key");
    return user;
  }

  function rateLimit(req: IncomingMessage): Record<string, string> {
    const key = req.headers.authorization ?? req.socket.remoteAddress ?? "anon";
    const t = Date.now();
    let w = windows.get(key);
    if (!w || t - w.startedAt >= windowMs) {
      w = { startedAt: t, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    const headers = {
      "X-RateLimit-Limit-Default": String(perMinute),
      "X-RateLimit-Remaining-Default": String(Math.max(0, perMinute - w.count)),
      "X-RateLimit-Reset-Default": String(Math.max(1, Math.ceil((w.startedAt + windowMs - t) / 1000))),
    };
    if (w.count > perMinute) throw Object.assign(new ApiError(429, "TOO_MANY_REQUESTS", "ThrottlerException: Too Many Requests"), { headers });
    return headers;
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!chunks.length) return {};
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      throw new ApiError(400, "BAD_REQUEST", "Invalid JSON body");
    }
  }

  function parseStart(value: unknown): Date {
    // Cal.com wants the start in UTC: "2026-12-03T15:00:00Z" or with .000Z.
    if (typeof value !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value)) throw new ApiError(400, "BAD_REQUEST", "start must be a valid ISO 8601 date in UTC, e.g. 2024-08-13T09:00:00Z");
    return new Date(value);
  }

  function eventTypeOf(user: SandboxUser | null, id: unknown): SandboxEventType {
    const type = eventTypes.get(Number(id));
    if (!type || (user && type.userId !== user.id)) throw new ApiError(404, "NOT_FOUND", `Event type with id=${String(id)} not found`);
    return type;
  }

  function bookingOf(user: SandboxUser, uid: string): SandboxBooking {
    const b = bookings.get(uid);
    if (!b || b.userId !== user.id) throw new ApiError(404, "NOT_FOUND", `Booking with uid=${uid} was not found in the database`);
    return b;
  }

  const ok = (data: unknown, status = 200) => ({ status, body: { status: "success", data } as Record<string, unknown> });

  async function route(req: IncomingMessage, url: URL): Promise<{ status: number; body: Record<string, unknown> }> {
    const method = req.method ?? "GET";
    const version = (req.headers["cal-api-version"] as string | undefined) ?? null;
    const path = url.pathname.replace(/\/+$/, "");
    const m = (re: RegExp) => re.exec(path);

    if (method === "GET" && path === "/v2/me") {
      const user = authed(req);
      return ok({ id: user.id, email: user.email, username: user.username, timeZone: user.timeZone, weekStart: "Monday", timeFormat: 12, defaultScheduleId: null });
    }
    if (method === "GET" && path === "/v2/event-types") {
      const user = authed(req);
      const own = [...eventTypes.values()].filter((t) => t.userId === user.id);
      if (version !== SANDBOX_VERSIONS.eventTypes) return { status: 200, body: { status: "success", data: { eventTypeGroups: [{ eventTypes: own.map((t) => ({ id: t.id, title: t.title, slug: t.slug, length: t.lengthInMinutes })) }] } } };
      return ok(own.map((t) => ({ id: t.id, title: t.title, slug: t.slug, lengthInMinutes: t.lengthInMinutes, hidden: false, requiresConfirmation: t.requiresConfirmation })));
    }
    if (method === "GET" && path === "/v2/slots") {
      const type = eventTypeOf(null, url.searchParams.get("eventTypeId"));
      const start = new Date(url.searchParams.get("start") ?? "");
      const end = new Date(url.searchParams.get("end") ?? "");
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new ApiError(400, "BAD_REQUEST", "start and end must be ISO 8601 dates");
      const timeZone = url.searchParams.get("timeZone") ?? "UTC";
      const slots = computeSlots({ availability: type.availability, lengthInMinutes: type.lengthInMinutes, start, end, busy: busyFor(type.userId), timeZone, now: now() });
      if (version !== SANDBOX_VERSIONS.slots) {
        // The older slots controller: {slots:{date:[{time}]}}, always in UTC.
        const utc = computeSlots({ availability: type.availability, lengthInMinutes: type.lengthInMinutes, start, end, busy: busyFor(type.userId), timeZone: "UTC", now: now() });
        return ok({ slots: Object.fromEntries(Object.entries(utc).map(([k, v]) => [k, v.map((s) => ({ time: new Date(s.start).toISOString() }))])) });
      }
      return ok(slots);
    }
    if (method === "POST" && path === "/v2/bookings") {
      const body = await readJson(req);
      const user = authed(req);
      const type = eventTypeOf(user, body.eventTypeId);
      const attendee = body.attendee as Partial<SandboxAttendee> | undefined;
      if (!attendee?.name || !attendee.email || !attendee.timeZone) throw new ApiError(400, "BAD_REQUEST", "attendee.name, attendee.email and attendee.timeZone are required");
      const booking = book(type, parseStart(body.start), { name: attendee.name, email: attendee.email, timeZone: attendee.timeZone, phoneNumber: attendee.phoneNumber }, { metadata: body.metadata as Record<string, string>, allowConflicts: body.allowConflicts === true });
      return version === SANDBOX_VERSIONS.bookings ? ok(bookingOutput(booking), 201) : ok(legacyBooking(booking), 201);
    }
    if (method === "GET" && path === "/v2/bookings") {
      const user = authed(req);
      const take = Math.min(250, Math.max(1, Number(url.searchParams.get("take") ?? 100)));
      const after = url.searchParams.get("afterUpdatedAt");
      const rows = [...bookings.values()]
        .filter((b) => b.userId === user.id && (!after || b.updatedAt >= new Date(after)))
        .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
      if (version !== SANDBOX_VERSIONS.bookingsList) {
        // The 2024-08-13 list: offset pagination, no cursor.
        const skip = Number(url.searchParams.get("skip") ?? 0);
        const page = rows.slice(skip, skip + take);
        return { status: 200, body: { status: "success", data: page.map(bookingOutput), pagination: { totalItems: rows.length, remainingItems: Math.max(0, rows.length - skip - page.length), returnedItems: page.length, itemsPerPage: take, currentPage: Math.floor(skip / take) + 1, totalPages: Math.ceil(rows.length / take), hasNextPage: skip + page.length < rows.length, hasPreviousPage: skip > 0 } } };
      }
      const cursor = url.searchParams.get("cursor");
      let from = 0;
      if (cursor) {
        let decoded: { t: number; uid: string };
        try {
          decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { t: number; uid: string };
        } catch {
          throw new ApiError(400, "BAD_REQUEST", "Invalid cursor");
        }
        from = rows.findIndex((b) => b.updatedAt.getTime() > decoded.t || (b.updatedAt.getTime() === decoded.t && b.uid > decoded.uid));
        if (from === -1) from = rows.length;
      }
      const page = rows.slice(from, from + take);
      const last = page.at(-1);
      const hasNextPage = from + page.length < rows.length;
      return { status: 200, body: { status: "success", data: page.map(bookingOutput), pagination: { nextCursor: hasNextPage && last ? Buffer.from(JSON.stringify({ t: last.updatedAt.getTime(), uid: last.uid })).toString("base64url") : null, hasNextPage, returnedItems: page.length } } };
    }
    let match = m(/^\/v2\/bookings\/([^/]+)$/);
    if (method === "GET" && match) {
      const user = authed(req);
      const b = bookingOf(user, decodeURIComponent(match[1]!));
      return version === SANDBOX_VERSIONS.bookings ? ok(bookingOutput(b)) : ok(legacyBooking(b));
    }
    match = m(/^\/v2\/bookings\/([^/]+)\/reschedule$/);
    if (method === "POST" && match) {
      const body = await readJson(req);
      const user = authed(req);
      bookingOf(user, decodeURIComponent(match[1]!));
      const fresh = reschedule(decodeURIComponent(match[1]!), parseStart(body.start), typeof body.reschedulingReason === "string" ? body.reschedulingReason : undefined);
      return version === SANDBOX_VERSIONS.bookings ? ok(bookingOutput(fresh), 201) : ok(legacyBooking(fresh), 201);
    }
    match = m(/^\/v2\/bookings\/([^/]+)\/cancel$/);
    if (method === "POST" && match) {
      const body = await readJson(req);
      const user = authed(req);
      bookingOf(user, decodeURIComponent(match[1]!));
      const b = cancel(decodeURIComponent(match[1]!), typeof body.cancellationReason === "string" ? body.cancellationReason : undefined);
      return version === SANDBOX_VERSIONS.bookings ? ok(bookingOutput(b)) : ok(legacyBooking(b));
    }
    if (method === "POST" && path === "/v2/webhooks") {
      const body = await readJson(req);
      const user = authed(req);
      if (typeof body.subscriberUrl !== "string" || !/^https?:\/\//.test(body.subscriberUrl)) throw new ApiError(400, "BAD_REQUEST", "subscriberUrl must be a URL address");
      if (!Array.isArray(body.triggers) || body.triggers.length === 0) throw new ApiError(400, "BAD_REQUEST", "triggers must contain at least 1 elements");
      const hook: SandboxWebhook = { id: randomUUID(), userId: user.id, subscriberUrl: body.subscriberUrl, active: body.active !== false, triggers: body.triggers as string[], secret: typeof body.secret === "string" && body.secret ? body.secret : null, consecutiveFailures: 0 };
      webhooks.set(hook.id, hook);
      return ok({ id: hook.id, subscriberUrl: hook.subscriberUrl, active: hook.active, triggers: hook.triggers, payloadTemplate: null, userId: user.id, secret: hook.secret ? "***" : null }, 201);
    }
    if (method === "GET" && path === "/v2/webhooks") {
      const user = authed(req);
      return ok([...webhooks.values()].filter((h) => h.userId === user.id).map((h) => ({ id: h.id, subscriberUrl: h.subscriberUrl, active: h.active, triggers: h.triggers, userId: h.userId })));
    }
    match = m(/^\/v2\/webhooks\/([^/]+)$/);
    if (method === "DELETE" && match) {
      const user = authed(req);
      const hook = webhooks.get(decodeURIComponent(match[1]!));
      if (!hook || hook.userId !== user.id) throw new ApiError(404, "NOT_FOUND", "Webhook not found");
      webhooks.delete(hook.id);
      return ok({ id: hook.id, subscriberUrl: hook.subscriberUrl, active: hook.active, triggers: hook.triggers });
    }
    throw new ApiError(404, "NOT_FOUND", `Cannot ${method} ${path}`);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    void (async () => {
      let headers: Record<string, string> = {};
      try {
        // Logged before the rate limit, so refused requests count too.
        requests.push({ method: req.method ?? "GET", path: url.pathname.replace(/\/+$/, ""), version: (req.headers["cal-api-version"] as string | undefined) ?? null });
        headers = rateLimit(req);
        const { status, body } = await route(req, url);
        res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(500, "INTERNAL_SERVER_ERROR", "Internal server error");
        const extra = (err as { headers?: Record<string, string> }).headers ?? {};
        res.writeHead(e.status, { "content-type": "application/json", ...headers, ...extra }).end(JSON.stringify({ status: "error", timestamp: iso(new Date()), path: url.pathname, error: { code: e.code, message: e.message } }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    users,
    eventTypes,
    bookings,
    webhooks,
    deliveries,
    requests,
    addUser(input: { email: string; username?: string; timeZone?: string; apiKey?: string }): SandboxUser {
      const user: SandboxUser = { id: nextId++, email: input.email, username: input.username ?? input.email.split("@")[0]!, timeZone: input.timeZone ?? "America/New_York", apiKey: input.apiKey ?? `cal_live_${randomBytes(16).toString("hex")}` };
      users.set(user.apiKey, user);
      return user;
    },
    addEventType(user: SandboxUser, input: Partial<Omit<SandboxEventType, "userId">> & { title: string }): SandboxEventType {
      const type: SandboxEventType = {
        id: input.id ?? nextId++,
        userId: user.id,
        title: input.title,
        slug: input.slug ?? input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
        lengthInMinutes: input.lengthInMinutes ?? 60,
        requiresConfirmation: input.requiresConfirmation ?? false,
        availability: input.availability ?? { timeZone: user.timeZone, days: [0, 1, 2, 3, 4, 5, 6], from: "09:00", to: "17:00" },
      };
      eventTypes.set(type.id, type);
      return type;
    },
    /** A booking that already exists when the sandbox starts (no webhook), e.g. the demo's. */
    seedBooking(input: { uid: string; eventTypeId: number; start: Date; attendee: SandboxAttendee; status?: SandboxBooking["status"]; rescheduledFromUid?: string; rescheduled?: boolean }) {
      const type = eventTypeOf(null, input.eventTypeId);
      const at = now();
      const booking: SandboxBooking = {
        id: nextId++,
        uid: input.uid,
        userId: type.userId,
        eventTypeId: type.id,
        title: `${type.title} between ${input.attendee.name} and host`,
        status: input.status ?? "accepted",
        start: input.start,
        end: new Date(input.start.getTime() + type.lengthInMinutes * 60_000),
        attendees: [input.attendee],
        rescheduledFromUid: input.rescheduledFromUid ?? null,
        rescheduledToUid: null,
        rescheduled: input.rescheduled ?? false,
        cancellationReason: null,
        metadata: {},
        createdAt: at,
        updatedAt: at,
      };
      bookings.set(booking.uid, booking);
      return booking;
    },
    /** A patient books on the Cal.com page (not through Sidecar). */
    patientBooks(eventTypeId: number, start: Date, attendee: SandboxAttendee) {
      return book(eventTypeOf(null, eventTypeId), start, attendee);
    },
    reschedule: (uid: string, start: Date) => reschedule(uid, start),
    cancel: (uid: string, reason?: string) => cancel(uid, reason),
    /** The host asks the attendee to pick another time: cancelled in Cal.com, with requestReschedule. */
    requestReschedule(uid: string, reason = "Host asked for a new time") {
      const b = bookings.get(uid)!;
      b.status = "cancelled";
      b.rescheduled = true;
      b.cancellationReason = reason;
      b.updatedAt = now();
      emit(b.userId, "BOOKING_CANCELLED", bookingPayload(b, { cancellationReason: reason, requestReschedule: true }));
      return b;
    },
    confirm(uid: string) {
      const b = bookings.get(uid)!;
      b.status = "accepted";
      b.updatedAt = now();
      emit(b.userId, "BOOKING_CREATED", bookingPayload(b));
      return b;
    },
    reject(uid: string, reason = "Not available") {
      const b = bookings.get(uid)!;
      b.status = "rejected";
      b.updatedAt = now();
      emit(b.userId, "BOOKING_REJECTED", bookingPayload(b, { rejectionReason: reason }));
      return b;
    },
    markNoShow(uid: string, noShow = true) {
      const b = bookings.get(uid)!;
      for (const a of b.attendees) a.absent = noShow;
      b.updatedAt = now();
      emit(b.userId, "BOOKING_NO_SHOW_UPDATED", { message: noShow ? "x attendees marked as no-show" : "attendees marked present", bookingUid: b.uid, bookingId: b.id, attendees: b.attendees.map((a) => ({ email: a.email, noShow })) });
      return b;
    },
    /** While muted, changes happen without webhooks: what reconciliation must repair. */
    mute(value = true) {
      muted = value;
    },
    /** Waits for every webhook delivery in flight. */
    async flush() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    async stop() {
      await this.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type CalcomSandbox = Awaited<ReturnType<typeof startCalcomSandbox>>;
