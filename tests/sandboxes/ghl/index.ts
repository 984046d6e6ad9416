import { ALL_SCOPES, OAuthState } from "./auth";
import type { AuthorizeChoice, SandboxContext, SandboxSettings } from "./context";
import { FaultInjector } from "./faults";
import { DEFAULTS, type GhlSandboxOptions } from "./options";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { calendarRoutes } from "./routes/calendars";
import { contactRoutes } from "./routes/contacts";
import { conversationRoutes } from "./routes/conversations";
import { locationRoutes } from "./routes/locations";
import { oauthRoutes, tokenResponse } from "./routes/oauth";
import { userRoutes } from "./routes/users";
import { seedLocation, type SeedLocationInput, type SeededLocation } from "./seed";
import { startServer } from "./server";
import { GhlStore } from "./store";
import type { Appointment, Company, Contact, Message, TokenKind } from "./types";
import { approveInstall } from "./routes/oauth";
import { appointmentEvent, contactEvent, inboundMessageEvent, installEvent, uninstallEvent, type AppointmentEventType, type ContactEventType, type EventOverrides, type GhlWebhookEvent } from "./webhook-events";
import { WebhookSender, type SendWebhookOptions, type SendWebhooksOptions, type SendWebhooksResult } from "./webhooks";

export type { GhlSandboxOptions } from "./options";
export type { SeedLocationInput, SeededLocation } from "./seed";
export type { GhlWebhookEvent } from "./webhook-events";
export type { SendWebhookOptions, SendWebhooksOptions, SendWebhooksResult } from "./webhooks";
export { ghlBackoff, type WebhookRetryPolicy } from "./webhooks";
export type { FaultMatch } from "./faults";
export type { LoggedRequest } from "./request-log";
export { API_VERSION } from "./types";
export type { Appointment, Calendar, Company, Contact, Conversation, Location, Message, User } from "./types";
export { ALL_SCOPES } from "./auth";

export type TokenResponse = ReturnType<typeof tokenResponse>;

export interface IssueTokensInput {
  /** Default: Location when locationId is given, else Company. */
  userType?: TokenKind;
  locationId?: string;
  /** Default: the location's company, else the sandbox company. */
  companyId?: string;
  /** Default: every scope the sandbox knows (ALL_SCOPES). */
  scopes?: readonly string[];
  userId?: string;
}

type EventRef<T> = string | T;

export interface WebhookEventBuilders {
  contactCreate(contact: EventRef<Contact>, overrides?: EventOverrides): GhlWebhookEvent;
  contactUpdate(contact: EventRef<Contact>, overrides?: EventOverrides): GhlWebhookEvent;
  contactDelete(contact: EventRef<Contact>, overrides?: EventOverrides): GhlWebhookEvent;
  contactTagUpdate(contact: EventRef<Contact>, overrides?: EventOverrides): GhlWebhookEvent;
  contactDndUpdate(contact: EventRef<Contact>, overrides?: EventOverrides): GhlWebhookEvent;
  appointmentCreate(appointment: EventRef<Appointment>, overrides?: EventOverrides): GhlWebhookEvent;
  appointmentUpdate(appointment: EventRef<Appointment>, overrides?: EventOverrides): GhlWebhookEvent;
  appointmentDelete(appointment: EventRef<Appointment>, overrides?: EventOverrides): GhlWebhookEvent;
  /** INSTALL for a sub-account (installType Location) or, without locationId, the agency. */
  install(input: { companyId?: string; locationId?: string }, overrides?: EventOverrides): GhlWebhookEvent;
  uninstall(input: { companyId?: string; locationId?: string }, overrides?: EventOverrides): GhlWebhookEvent;
  /** InboundMessage for a message already in the store (see `receiveSms`). */
  inboundMessage(message: Message, overrides?: EventOverrides): GhlWebhookEvent;
}

export interface ReceiveSmsInput {
  locationId: string;
  body: string;
  /** The contact who texted; or give `fromNumber` and the contact is found (or created, as GHL does) by phone. */
  contactId?: string;
  fromNumber?: string;
}

export interface GhlSandbox {
  /** `http://127.0.0.1:<port>`: the base URL to use instead of https://services.leadconnectorhq.com. */
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  appId: string;
  /** The app version the authorize link must name (version_id). */
  versionId: string;
  /** The agency created on start. */
  companyId: string;
  /** SPKI PEM of the key that signs X-GHL-Signature; give it to the code under test. */
  webhookPublicKeyPem: string;
  /** Only with legacyRsaSignature. */
  webhookRsaPublicKeyPem?: string;
  /**
   * Direct access to the data "in GHL": no HTTP, no rate limit, no webhooks. E.g.
   * `store.updateContact(id, { firstName: "X" })` moves dateUpdated forward,
   * `store.deleteContact(id)`, `store.createContact(locationId, {...})`.
   */
  store: GhlStore;
  /** Every request received: `requests.count("POST /contacts/search")`, `countByRoute()`. */
  requests: RequestLog;
  /** addLatency, failNext, setErrorRate, rateLimitStorm, hangNext, clear. */
  faults: FaultInjector;
  stop(): Promise<void>;

  seedCompany(input: Partial<Company> & { id: string }): Company;
  seedLocation(input: SeedLocationInput): SeededLocation;

  /** A code for POST /oauth/token, as if the authorize page had been approved. */
  issueAuthorizationCode(input?: { locationId?: string; companyId?: string; scopes?: readonly string[]; redirectUri?: string }): string;
  /** Tokens without any HTTP: the same JSON POST /oauth/token answers. */
  issueTokens(input?: IssueTokensInput): TokenResponse;
  /** What the authorize page approves: a location (Location install) or a company (agency install). */
  setAuthorizeChoice(choice: AuthorizeChoice): void;
  /** `${url}/v2/oauth/chooselocation?...` for this app (with its version_id unless `versionId: null`). */
  authorizeUrl(input: { redirectUri: string; scopes?: readonly string[]; state?: string; versionId?: string | null }): string;
  /**
   * An install started from GHL's Marketplace ("Add App"), not from the app's own link: the
   * app is installed (agency-wide, or on `locationId`), INSTALL is sent to autoWebhooks, and the
   * returned URL is where the browser lands: `redirectUri?code=…` with no `state`.
   */
  marketplaceInstall(input: { redirectUri: string; companyId?: string; locationId?: string; scopes?: readonly string[] }): string;
  /** The app uninstalled from a sub-account (or, without locationId, the whole company); returns the UNINSTALL event GHL sends. */
  uninstall(input: { companyId?: string; locationId?: string }): GhlWebhookEvent;
  expireAccessToken(token: string): void;
  /** The next call with any current access token gets 401; refresh tokens still work. */
  expireAllAccessTokens(): void;
  revokeRefreshTokens(): void;
  resetRateLimits(): void;

  events: WebhookEventBuilders;
  sendWebhook(event: GhlWebhookEvent, options?: SendWebhookOptions): Promise<number[]>;
  sendWebhooks(events: GhlWebhookEvent[], options?: SendWebhooksOptions): Promise<SendWebhooksResult>;
  /**
   * A patient texts the clinic's number: the message is stored in the contact's conversation
   * (a number GHL does not know gets a new contact first, as GHL does) and the InboundMessage
   * webhook is returned, and sent to autoWebhooks when set.
   */
  receiveSms(input: ReceiveSmsInput): { message: Message; event: GhlWebhookEvent };
  /** Messages "in GHL" (outbound ones are what Sidecar sent): `messages({ contactId, direction: "outbound" })`. */
  messages(filter?: { contactId?: string; direction?: Message["direction"] }): Message[];
  /** Waits for autoWebhooks deliveries in flight. */
  flushWebhooks(): Promise<void>;
}

function buildEvents(store: GhlStore, settings: SandboxSettings, now: () => number): WebhookEventBuilders {
  const contact = (ref: EventRef<Contact>): Contact => {
    if (typeof ref !== "string") return ref;
    const found = store.getContact(ref) ?? store.getDeletedContact(ref);
    if (!found) throw new Error(`GHL sandbox: no contact ${ref}`);
    return found;
  };
  const appointment = (ref: EventRef<Appointment>): Appointment => {
    if (typeof ref !== "string") return ref;
    const found = store.getAppointment(ref) ?? store.getDeletedAppointment(ref);
    if (!found) throw new Error(`GHL sandbox: no appointment ${ref}`);
    return found;
  };
  const forContact = (type: ContactEventType) => (ref: EventRef<Contact>, overrides?: EventOverrides) => contactEvent(type, contact(ref), overrides, now());
  const forAppointment = (type: AppointmentEventType) => (ref: EventRef<Appointment>, overrides?: EventOverrides) => {
    const record = appointment(ref);
    const timezone = store.getLocation(record.locationId)?.timezone ?? "UTC";
    return appointmentEvent(type, record, timezone, overrides, now());
  };
  return {
    contactCreate: forContact("ContactCreate"),
    contactUpdate: forContact("ContactUpdate"),
    contactDelete: forContact("ContactDelete"),
    contactTagUpdate: forContact("ContactTagUpdate"),
    contactDndUpdate: forContact("ContactDndUpdate"),
    appointmentCreate: forAppointment("AppointmentCreate"),
    appointmentUpdate: forAppointment("AppointmentUpdate"),
    appointmentDelete: forAppointment("AppointmentDelete"),
    install({ companyId, locationId }, overrides) {
      const company = companyId ?? (locationId ? store.getLocation(locationId)?.companyId : undefined) ?? settings.companyId;
      const record = store.getCompany(company);
      return installEvent(
        { appId: settings.appId, versionId: settings.versionId, companyId: company, companyName: record?.name ?? company, locationId, userId: settings.userId, planId: record?.planId ?? "" },
        overrides,
        now(),
      );
    },
    uninstall({ companyId, locationId }, overrides) {
      const company = companyId ?? (locationId ? store.getLocation(locationId)?.companyId : undefined) ?? settings.companyId;
      return uninstallEvent({ appId: settings.appId, companyId: company, locationId }, overrides, now());
    },
    inboundMessage: (message, overrides) => inboundMessageEvent(message, overrides, now()),
  };
}

/**
 * Starts a loopback server that answers like GoHighLevel API v2 for what Sidecar uses.
 * See tests/integration/ghl-sandbox*.test.ts for every behaviour in use.
 */
export async function startGhlSandbox(options: GhlSandboxOptions<GhlSandbox> = {}): Promise<GhlSandbox> {
  const now = options.clock ?? Date.now;
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(message, detail ?? ""));
  const settings: SandboxSettings = {
    clientId: options.clientId ?? DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? DEFAULTS.clientSecret,
    appId: options.appId ?? DEFAULTS.appId,
    versionId: options.versionId ?? DEFAULTS.versionId,
    companyId: options.companyId ?? DEFAULTS.companyId,
    userId: options.userId ?? DEFAULTS.userId,
    redirectUris: options.redirectUris,
    tokenLifetimeSec: options.tokenLifetimeSec ?? DEFAULTS.tokenLifetimeSec,
    codeLifetimeSec: options.authorizationCodeLifetimeSec ?? DEFAULTS.authorizationCodeLifetimeSec,
    strictVersion: options.strictVersion ?? false,
    enforceScopes: options.enforceScopes ?? true,
    autoWebhooksUrl: options.autoWebhooks,
  };
  const randomSeed = options.randomSeed ?? 1;
  const store = new GhlStore(now);
  store.addCompany({ id: settings.companyId, name: options.companyName ?? DEFAULTS.companyName });
  store.addUser({ id: settings.userId, companyId: settings.companyId, firstName: "Sandbox", lastName: "Installer", email: "installer@sandbox.example", type: "agency", role: "admin" });
  const oauth = new OAuthState({ tokenLifetimeSec: settings.tokenLifetimeSec, codeLifetimeSec: settings.codeLifetimeSec }, now);
  const webhooks = new WebhookSender({
    targetUrl: options.webhookTargetUrl,
    autoRetry: options.autoWebhookRetry ?? DEFAULTS.autoWebhookRetry,
    legacyRsaSignature: options.legacyRsaSignature ?? false,
    signingKeyPem: options.webhookSigningKeyPem,
    randomSeed,
    log,
  });
  const requests = new RequestLog();
  const faults = new FaultInjector(randomSeed);
  const authorizeChoice: AuthorizeChoice = {};
  const ctx: SandboxContext = {
    settings,
    store,
    oauth,
    rateLimiter: new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, now),
    faults,
    requests,
    webhooks,
    now,
    authorizeChoice,
    log,
    emitWebhook(event) {
      if (settings.autoWebhooksUrl) webhooks.sendInBackground(event, settings.autoWebhooksUrl);
    },
  };

  const host = options.host ?? DEFAULTS.host;
  const running = await startServer(ctx, [...oauthRoutes, ...locationRoutes, ...contactRoutes, ...calendarRoutes, ...conversationRoutes, ...userRoutes], { host, port: options.port ?? 0 });
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${running.port}`;

  const sandbox: GhlSandbox = {
    url,
    port: running.port,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    appId: settings.appId,
    versionId: settings.versionId,
    companyId: settings.companyId,
    webhookPublicKeyPem: webhooks.publicKeyPem,
    webhookRsaPublicKeyPem: webhooks.rsaPublicKeyPem,
    store,
    requests,
    faults,
    async stop() {
      webhooks.stop();
      await running.close();
    },
    seedCompany: (input) => store.addCompany(input),
    seedLocation: (input) => seedLocation(store, { companyId: settings.companyId, now }, input),
    issueAuthorizationCode(input = {}) {
      const location = input.locationId ? store.getLocation(input.locationId) : undefined;
      if (input.locationId && !location) throw new Error(`GHL sandbox: no location ${input.locationId}`);
      if (location) store.markInstalled(location.id);
      return oauth.issueCode({
        companyId: location?.companyId ?? input.companyId ?? settings.companyId,
        locationId: location?.id,
        userId: settings.userId,
        scopes: [...(input.scopes ?? ALL_SCOPES)],
        redirectUri: input.redirectUri,
      });
    },
    issueTokens(input = {}) {
      const location = input.locationId ? store.getLocation(input.locationId) : undefined;
      if (input.locationId && !location) throw new Error(`GHL sandbox: no location ${input.locationId}`);
      const userType = input.userType ?? (location ? "Location" : "Company");
      if (userType === "Location" && !location) throw new Error("GHL sandbox: a Location token needs a locationId");
      if (location) store.markInstalled(location.id);
      const pair = oauth.issuePair({
        userType,
        companyId: location?.companyId ?? input.companyId ?? settings.companyId,
        locationId: userType === "Location" ? location?.id : undefined,
        userId: input.userId ?? settings.userId,
        scopes: [...(input.scopes ?? ALL_SCOPES)],
      });
      return tokenResponse(ctx, pair);
    },
    setAuthorizeChoice(choice) {
      for (const key of Object.keys(authorizeChoice) as Array<keyof AuthorizeChoice>) delete authorizeChoice[key];
      Object.assign(authorizeChoice, choice);
    },
    authorizeUrl({ redirectUri, scopes = ALL_SCOPES, state, versionId = settings.versionId }) {
      const target = new URL("/v2/oauth/chooselocation", url);
      target.searchParams.set("response_type", "code");
      target.searchParams.set("redirect_uri", redirectUri);
      target.searchParams.set("client_id", settings.clientId);
      if (versionId !== null) target.searchParams.set("version_id", versionId);
      target.searchParams.set("scope", scopes.join(" "));
      if (state !== undefined) target.searchParams.set("state", state);
      return target.toString();
    },
    marketplaceInstall({ redirectUri, companyId, locationId, scopes = ALL_SCOPES }) {
      const location = locationId ? store.getLocation(locationId) : undefined;
      if (locationId && !location) throw new Error(`GHL sandbox: no location ${locationId}`);
      return approveInstall(ctx, { companyId: location?.companyId ?? companyId ?? settings.companyId, locationId, scopes: [...scopes], redirectUri, state: null });
    },
    uninstall(input) {
      if (input.locationId) store.markInstalled(input.locationId, false);
      else for (const each of store.locationsOf(input.companyId ?? settings.companyId)) store.markInstalled(each.id, false);
      const event = sandbox.events.uninstall(input);
      ctx.emitWebhook(event);
      return event;
    },
    expireAccessToken: (token) => oauth.expireAccessToken(token),
    expireAllAccessTokens: () => oauth.expireAllAccessTokens(),
    revokeRefreshTokens: () => oauth.revokeRefreshTokens(),
    resetRateLimits: () => ctx.rateLimiter.reset(),
    events: buildEvents(store, settings, now),
    sendWebhook: (event, sendOptions) => webhooks.send(event, sendOptions),
    sendWebhooks: (events, sendOptions) => webhooks.sendMany(events, sendOptions),
    flushWebhooks: () => webhooks.idle(),
    receiveSms(input) {
      let contact = input.contactId ? store.getContact(input.contactId) : input.fromNumber ? store.contactByPhone(input.locationId, input.fromNumber) : undefined;
      if (input.contactId && !contact) throw new Error(`GHL sandbox: no contact ${input.contactId}`);
      if (!contact) {
        if (!input.fromNumber) throw new Error("GHL sandbox: receiveSms needs a contactId or a fromNumber");
        contact = store.createContact(input.locationId, { phone: input.fromNumber, source: "inbound SMS" });
      }
      const message = store.addMessage({
        locationId: contact.locationId,
        contactId: contact.id,
        type: "SMS",
        direction: "inbound",
        body: input.body,
        status: "received",
        fromNumber: input.fromNumber ?? contact.phone,
        toNumber: store.getLocation(contact.locationId)?.phone,
      });
      const event = inboundMessageEvent(message, {}, now());
      ctx.emitWebhook(event);
      return { message, event };
    },
    messages: (filter) => store.listMessages(filter),
  };

  if (options.seed) {
    try {
      await options.seed(sandbox);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
  }
  return sandbox;
}
