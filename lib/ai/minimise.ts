import { seesAllClinics, type AgencyRole } from "@/lib/auth/permissions";
import { formatInZone } from "@/lib/time/zoned";
import type { AttentionAppointment } from "@/lib/calendar/attention";
import type { ContactLookup } from "@/lib/contacts/lookup";
import type { QueueFinding } from "@/lib/ops/queue";

/**
 * Between Sidecar's data and the model. Tools hand their rows here; only what comes out reaches
 * the model (and is stored in the conversation). The rules:
 * - aggregates by default: counts and rates, clinic and item names;
 * - a patient's name only when the question names that patient (and the role may see contacts);
 *   otherwise a patient is "a patient" and the record is cited by id, so the member opens it in
 *   Sidecar to see who it is;
 * - never notes, dates of birth, contact details, custom fields, appointment titles or any other
 *   free text a person typed: none of those are copied, and a last pass drops such keys
 *   wherever they appear.
 * Every record that goes out carries its id and a link to its page, for citations and the audit.
 */

export type CitedType = "clinic" | "appointment" | "contact" | "inventory_item" | "lot" | "finding" | "sync";

export interface Cited {
  type: CitedType;
  id: string;
  /** What a citation link reads. */
  label: string;
  /** The Sidecar page of the record, for the member asking. */
  href: string;
}

export interface MinimiseContext {
  slug: string;
  role: AgencyRole;
  /** The member's question, in their words: decides whether a patient may be named. */
  question: string;
  now: Date;
}

/** Keys that never reach a model, wherever they appear. */
export const FORBIDDEN_KEYS = new Set([
  "notes",
  "note",
  "dateOfBirth",
  "dob",
  "birthDate",
  "email",
  "phone",
  "address",
  "customFields",
  "title",
  "resolutionNote",
  "lastError",
  "body",
  "text",
]);

/** Removes FORBIDDEN_KEYS at any depth; the last pass of every minimiser. */
export function dropForbidden<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => dropForbidden(v)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (!FORBIDDEN_KEYS.has(key)) out[key] = dropForbidden(v);
    return out as T;
  }
  return value;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['\u2019]s\b/g, "")
    .split(/[^a-z0-9-]+/)
    .filter(Boolean);

/**
 * A patient may be named when the question names them: their last name appears in it as a word,
 * and so does their first name when they have one. Clinic staff only reach contacts of their own
 * clinics (the tools' scope), and every agency role may read contacts.
 */
export function mayNamePatient(question: string, person: { firstName: string | null; lastName: string | null }): boolean {
  const asked = new Set(words(question));
  const last = person.lastName ? words(person.lastName) : [];
  const first = person.firstName ? words(person.firstName) : [];
  if (last.length === 0 && first.length === 0) return false;
  if (last.length === 0) return false;
  return last.every((w) => asked.has(w)) && first.every((w) => asked.has(w));
}

function fullName(person: { firstName: string | null; lastName: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(" ");
}

/** Links to the pages the member can open: agency pages for owners and admins, the clinic's pages for clinic staff. */
export function linkFor(m: Pick<MinimiseContext, "slug" | "role">, type: CitedType, id: string, locationId?: string): string {
  const agency = `/agency/${m.slug}`;
  if (seesAllClinics(m.role)) {
    switch (type) {
      case "clinic":
        return `${agency}/admin/dashboard?clinic=${encodeURIComponent(id)}`;
      case "appointment":
        return `${agency}/admin/calendar/appointments/${encodeURIComponent(id)}`;
      case "contact":
        return `${agency}/admin/contacts/${encodeURIComponent(id)}`;
      case "inventory_item":
        return `${agency}/admin/inventory/${encodeURIComponent(id)}`;
      case "lot":
        return `${agency}/admin/inventory/${encodeURIComponent(locationId ?? "")}`;
      case "finding":
        return `${agency}/admin?clinic=${encodeURIComponent(locationId ?? "")}`;
      case "sync":
        return `${agency}/admin/settings/integrations`;
    }
  }
  const clinic = `${agency}/clinic/${encodeURIComponent(locationId ?? id)}`;
  switch (type) {
    case "contact":
      return `${clinic}/contacts`;
    case "inventory_item":
    case "lot":
      return `${clinic}/supplies`;
    default:
      return clinic;
  }
}

const pct = (part: number, total: number) => (total === 0 ? null : Math.round((part / total) * 1000) / 10);
const localTime = (at: Date, timezone: string) =>
  formatInZone(at, timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });

// --- appointment statistics -------------------------------------------------------------

export interface OutcomesInput {
  id: string;
  name: string;
  total: number;
  showed: number;
  noshow: number;
  cancelled: number;
  open: number;
}

export function minimiseOutcomes(rows: OutcomesInput[], range: { from: string; to: string }, m: MinimiseContext) {
  const sum = (pick: (r: OutcomesInput) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const decided = (r: { showed: number; noshow: number }) => r.showed + r.noshow;
  const clinics = rows.map((r) => ({
    ref: { type: "clinic", id: r.id, label: r.name, href: linkFor(m, "clinic", r.id, r.id) } satisfies Cited,
    clinic: r.name,
    appointments: r.total,
    showed: r.showed,
    noShows: r.noshow,
    cancelled: r.cancelled,
    notYetMarked: r.open,
    /** Of the visits that were marked showed or no-show. */
    noShowRatePct: pct(r.noshow, decided(r)),
    cancelRatePct: pct(r.cancelled, r.total),
  }));
  const totals = { showed: sum((r) => r.showed), noshow: sum((r) => r.noshow), cancelled: sum((r) => r.cancelled), total: sum((r) => r.total) };
  return dropForbidden({
    range,
    clinics,
    allClinics: {
      appointments: totals.total,
      noShows: totals.noshow,
      cancelled: totals.cancelled,
      noShowRatePct: pct(totals.noshow, totals.showed + totals.noshow),
      cancelRatePct: pct(totals.cancelled, totals.total),
    },
  });
}

// --- appointments needing attention -----------------------------------------------------

/** What the attention query returns (its reasons widened to text for the tests' fixtures). */
export type AttentionInput = Omit<AttentionAppointment, "reason"> & { reason: string };

export function minimiseAttention(input: { appointments: AttentionInput[]; total: number }, m: MinimiseContext) {
  const appointments = input.appointments.map((a) => {
    const named = a.contact && mayNamePatient(m.question, a.contact) ? fullName(a.contact) : null;
    const when = localTime(a.startTime, a.timezone);
    return {
      ref: { type: "appointment", id: a.id, label: `${a.clinicName}, ${when}`, href: linkFor(m, "appointment", a.id, a.locationId) } satisfies Cited,
      clinic: a.clinicName,
      startsAt: when,
      status: a.status,
      needs: a.reason === "reschedule_requested" ? "a new time (reschedule requested)" : "confirmation",
      ...(a.noShowRisk === null ? {} : { noShowRiskPct: Math.round(a.noShowRisk * 100) }),
      ...(named ? { patient: named } : {}),
    };
  });
  const byClinic: Record<string, number> = {};
  for (const a of input.appointments) byClinic[a.clinicName] = (byClinic[a.clinicName] ?? 0) + 1;
  return dropForbidden({ total: input.total, shown: appointments.length, byClinic, appointments });
}

// --- contact lookup ---------------------------------------------------------------------

export type ContactInput = ContactLookup;

export function minimiseContacts(rows: ContactInput[], timezoneOf: (locationId: string) => string, m: MinimiseContext) {
  const contacts = rows.map((c) => {
    const named = mayNamePatient(m.question, c) ? fullName(c) : null;
    const tz = timezoneOf(c.locationId);
    const visit = (a: ContactInput["nextAppointment"]) =>
      a ? { ref: { type: "appointment", id: a.id, label: localTime(a.startTime, tz), href: linkFor(m, "appointment", a.id, c.locationId) } satisfies Cited, at: localTime(a.startTime, tz), status: a.status } : null;
    return {
      ref: { type: "contact", id: c.id, label: named ?? `Patient at ${c.clinicName}`, href: linkFor(m, "contact", c.id, c.locationId) } satisfies Cited,
      ...(named ? { name: named } : { name: "(not named: the question does not name this patient)" }),
      clinic: c.clinicName,
      upcomingAppointments: c.upcomingCount,
      nextAppointment: visit(c.nextAppointment),
      lastVisit: visit(c.lastVisit),
    };
  });
  return dropForbidden({ matches: contacts.length, contacts });
}

// --- inventory --------------------------------------------------------------------------

export interface InventoryItemInput {
  id: string;
  locationId: string;
  clinicName: string;
  name: string;
  sku: string;
  unit: string;
  onHand: number;
  reorderPoint: number;
  parLevel: number;
  forecast: { daysLeft: number | null; runsOutBeforeDelivery: boolean; suggestedOrder: number; averageWeeklyUsage: number };
}

export interface ExpiringLotInput {
  id: string;
  lotNumber: string;
  expiresOn: Date | null;
  onHand: number;
  item: { id: string; name: string; unit: string; location: { id: string; name: string } };
}

export function minimiseInventory(input: { items: InventoryItemInput[]; expiringLots: ExpiringLotInput[]; expiringCount: number; withinDays: number }, m: MinimiseContext) {
  const DAY = 86_400_000;
  const atRisk = input.items
    .filter((i) => i.onHand <= i.reorderPoint || i.forecast.runsOutBeforeDelivery || (i.forecast.daysLeft !== null && i.forecast.daysLeft <= input.withinDays))
    .sort((a, b) => (a.forecast.daysLeft ?? Infinity) - (b.forecast.daysLeft ?? Infinity) || a.onHand - b.onHand)
    .slice(0, 40)
    .map((i) => ({
      ref: { type: "inventory_item", id: i.id, label: `${i.name} (${i.clinicName})`, href: linkFor(m, "inventory_item", i.id, i.locationId) } satisfies Cited,
      item: i.name,
      sku: i.sku,
      clinic: i.clinicName,
      onHand: `${i.onHand} ${i.unit}`,
      reorderPoint: i.reorderPoint,
      averageWeeklyUsage: Math.round(i.forecast.averageWeeklyUsage * 10) / 10,
      daysLeft: i.forecast.daysLeft,
      runsOutOn: i.forecast.daysLeft === null ? null : new Date(m.now.getTime() + i.forecast.daysLeft * DAY).toISOString().slice(0, 10),
      runsOutBeforeAnOrderArrives: i.forecast.runsOutBeforeDelivery,
      suggestedOrder: i.forecast.suggestedOrder,
    }));
  const lots = input.expiringLots.map((l) => ({
    ref: { type: "lot", id: l.id, label: `Lot ${l.lotNumber} of ${l.item.name} (${l.item.location.name})`, href: linkFor(m, "inventory_item", l.item.id, l.item.location.id) } satisfies Cited,
    lot: l.lotNumber,
    item: l.item.name,
    clinic: l.item.location.name,
    expiresOn: l.expiresOn ? l.expiresOn.toISOString().slice(0, 10) : null,
    onHand: `${l.onHand} ${l.item.unit}`,
  }));
  return dropForbidden({
    today: m.now.toISOString().slice(0, 10),
    itemsTracked: input.items.length,
    itemsAtRisk: atRisk.length,
    atRisk,
    lotsExpiringWithin30Days: input.expiringCount,
    expiringLots: lots,
  });
}

// --- sync health ------------------------------------------------------------------------

export interface SyncClinicInput {
  id: string;
  name: string;
  sync: { health: string; lastSyncedAt: Date | null; consecutiveFailures: number } | null;
}

export function minimiseSync(input: { connected: boolean; clinics: SyncClinicInput[] }, m: MinimiseContext) {
  return dropForbidden({
    goHighLevelConnected: input.connected,
    clinics: input.clinics.map((c) => ({
      ref: { type: "sync", id: c.id, label: `${c.name} sync`, href: linkFor(m, "sync", c.id, c.id) } satisfies Cited,
      clinic: c.name,
      health: c.sync?.health ?? "pending",
      lastSyncedAt: c.sync?.lastSyncedAt?.toISOString() ?? null,
      hoursSinceSync: c.sync?.lastSyncedAt ? Math.round((m.now.getTime() - c.sync.lastSyncedAt.getTime()) / 360_000) / 10 : null,
      consecutiveFailures: c.sync?.consecutiveFailures ?? 0,
    })),
  });
}

// --- the queue's findings ---------------------------------------------------------------

export type FindingInput = Pick<QueueFinding, "id" | "locationId" | "clinicName" | "kind" | "severity" | "title" | "reason" | "openedAt">;

/** Findings about appointments name patients in their title and reason: those are replaced by their kind. */
const PATIENT_FINDING = /^appointments?\./;

export function minimiseFindings(input: { findings: FindingInput[]; total: number; counts: Record<string, number> }, m: MinimiseContext) {
  return dropForbidden({
    open: input.total,
    bySeverity: input.counts,
    findings: input.findings.map((f) => {
      const aboutPatient = PATIENT_FINDING.test(f.kind);
      const label = aboutPatient ? `${f.clinicName}: ${f.kind.replace(/^appointments?\./, "").replace(/_/g, " ")} appointment` : f.title;
      return {
        ref: { type: "finding", id: f.id, label, href: linkFor(m, "finding", f.id, f.locationId) } satisfies Cited,
        clinic: f.clinicName,
        kind: f.kind,
        severity: f.severity,
        summary: label,
        ...(aboutPatient ? {} : { why: f.reason }),
        openedAt: f.openedAt.toISOString().slice(0, 10),
      };
    }),
  });
}

// --- what reached the model -------------------------------------------------------------

/** Every cited record in a minimised output, as "type:id", for the audit. */
export function citedRecords(output: unknown): Cited[] {
  const found: Cited[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const ref = (value as { ref?: Cited }).ref;
      if (ref && typeof ref.id === "string" && typeof ref.type === "string") found.push(ref);
      for (const [key, v] of Object.entries(value)) if (key !== "ref") walk(v);
    }
  };
  walk(output);
  return found;
}

export function recordIds(output: unknown): string[] {
  return [...new Set(citedRecords(output).map((r) => `${r.type}:${r.id}`))];
}
