import { describe, expect, it } from "vitest";
import { forecastFromBook, bookedSupplies } from "@/lib/ops/book-forecast";
import { clinicTrendRule } from "@/lib/ops/detectors/clinic-trends";
import { daysToExpiry, lotRule, stockRule, type StockedLot } from "@/lib/ops/detectors/inventory";
import { RECONNECT_MESSAGE, syncHealthRule, type SyncClinic } from "@/lib/ops/detectors/sync-health";
import { unconfirmedAppointmentsRule, type UnconfirmedAppointment } from "@/lib/ops/detectors/unconfirmed-appointments";
import { webhookInboxRule, type InboxClinic } from "@/lib/ops/detectors/webhook-inbox";
import type { ClinicInboxHealth } from "@/lib/webhooks/inbox-health";
import { inboxErrorReference } from "@/lib/webhooks/inbox-reference";
import { UNMARKED_MIN, unmarkedAppointmentsRule, type UnmarkedClinic } from "@/lib/ops/detectors/unmarked-appointments";
import type { PictureItem } from "@/lib/ops/inventory-picture";
import { matchService } from "@/lib/ops/services";

const now = new Date("2026-12-02T15:00:00Z");
const H = 3_600_000;
const orgSlug = "acme";

describe("sync health", () => {
  const clinic = (sync: Partial<NonNullable<SyncClinic["sync"]>> | null, createdAt = new Date(now.getTime() - 30 * 86_400_000)): SyncClinic => ({
    id: "loc1", name: "Austin", timezone: "America/Chicago", createdAt,
    sync: sync === null ? null : { health: "healthy", lastSyncedAt: new Date(now.getTime() - 5 * 60_000), lastError: null, consecutiveFailures: 0, lastDriftCount: 0, reconciledAt: null, ...sync },
  });
  const run = (c: SyncClinic, connected = true) => syncHealthRule({ connected, clinics: [c], now, orgSlug });

  it("finds nothing for a healthy clinic synced minutes ago", () => {
    expect(run(clinic({}))).toEqual([]);
  });
  it("reports a failing sync with its failures and error, critical once health is error", () => {
    const [f] = run(clinic({ health: "error", consecutiveFailures: 3, lastError: "GHL answered 503" }));
    expect(f).toMatchObject({ kind: "sync.failing", severity: "critical", subjectKey: "clinic", action: { kind: "sync.retry" } });
    expect(f!.reason).toContain("The last 3 syncs failed");
    expect(f!.reason).toContain("GHL answered 503");
    expect(run(clinic({ health: "degraded", consecutiveFailures: 1 }))[0]).toMatchObject({ severity: "high" });
  });
  it("reports data older than an hour, and a clinic that never synced only after its first hour", () => {
    const [stale] = run(clinic({ lastSyncedAt: new Date(now.getTime() - 3.5 * H) }));
    expect(stale).toMatchObject({ kind: "sync.stale", title: "Austin: data is 3 h old" });
    expect(run(clinic(null, new Date(now.getTime() - 20 * 60_000)))).toEqual([]);
    expect(run(clinic(null, new Date(now.getTime() - 2 * H)))[0]).toMatchObject({ kind: "sync.stale" });
  });
  it("names a clinic whose sub-account uninstalled the app in GHL, and no other finding for it", () => {
    const found = run(clinic({ health: "disconnected", lastSyncedAt: new Date(now.getTime() - 5 * H), lastDriftCount: 50 }));
    expect(found).toEqual([expect.objectContaining({ kind: "sync.reconnect", severity: "critical", title: "Austin: the app was uninstalled in GoHighLevel" })]);
    expect(found[0]!.reason).toContain("its data is kept");
  });
  it("asks for a reconnect when GHL refused access or the connection is gone", () => {
    expect(run(clinic({ health: "error", consecutiveFailures: 1, lastError: RECONNECT_MESSAGE }))).toEqual([expect.objectContaining({ kind: "sync.reconnect", severity: "critical", action: expect.objectContaining({ kind: "ghl.reconnect" }) })]);
    expect(run(clinic({}), false)).toEqual([expect.objectContaining({ kind: "sync.reconnect" })]);
  });
  it("reports reconciliation drift above the threshold only", () => {
    expect(run(clinic({ lastDriftCount: 10 }))).toEqual([]);
    expect(run(clinic({ lastDriftCount: 42 }))[0]).toMatchObject({ kind: "sync.drift", severity: "medium" });
  });
  it("shows times in the clinic's own timezone", () => {
    const [f] = run(clinic({ lastSyncedAt: new Date("2026-12-02T09:30:00Z") }));
    expect(f!.reason).toContain("3:30 AM CST");
  });
});

describe("unconfirmed appointments", () => {
  const appt = (id: string, hoursAhead: number, over: Partial<UnconfirmedAppointment> = {}): UnconfirmedAppointment => ({
    id, locationId: "loc1", timezone: "America/New_York", startTime: new Date(now.getTime() + hoursAhead * H), title: "Myers' Cocktail", calendarName: "IV drips",
    contact: { id: "c1", firstName: "Maya", lastName: "Lopez", phone: "+1 512 555 0101" }, ...over,
  });
  const services = [{ name: "Myers' Cocktail", match: "myers", priceCents: 18_000 }];

  it("reports appointments of the next 48 hours only, sooner ones as high", () => {
    const out = unconfirmedAppointmentsRule({ appointments: [appt("a", 3), appt("b", 30), appt("c", 49), appt("d", -1)], services, risk: null, now, orgSlug });
    expect(out.map((f) => [f.subjectKey, f.severity])).toEqual([["a", "high"], ["b", "medium"]]);
    expect(out[0]!.reason).toBe("Maya Lopez's Myers' Cocktail on Wed, Dec 2, 1:00 PM EST, a $180 visit is not confirmed yet. Call +1 512 555 0101.");
    expect(out[0]!.action).toMatchObject({ kind: "appointment.open", href: "/agency/acme/admin/calendar/appointments/a" });
  });
  it("ranks by no-show risk when a score exists, and raises a risky later one to high", () => {
    const risk = new Map([["b", { score: 0.8, reason: "two no-shows this year" }], ["a", { score: 0.1 }]]);
    const out = unconfirmedAppointmentsRule({ appointments: [appt("a", 3), appt("b", 30)], services, risk, now, orgSlug });
    const b = out.find((f) => f.subjectKey === "b")!;
    const a = out.find((f) => f.subjectKey === "a")!;
    expect(b.severity).toBe("high");
    expect(b.priority!).toBeGreaterThan(a.priority!);
    expect(b.reason).toContain("No-show risk 80%: two no-shows this year.");
  });
  it("names an appointment without contact or service plainly", () => {
    const [f] = unconfirmedAppointmentsRule({ appointments: [appt("a", 2, { contact: null, title: null, calendarName: null })], services, risk: null, now, orgSlug });
    expect(f!.title).toBe("Unconfirmed: A patient, appointment");
    expect(f!.records).toHaveLength(1);
  });
});

describe("past appointments not marked", () => {
  const clinic = (over: Partial<UnmarkedClinic> = {}): UnmarkedClinic => ({
    id: "loc1", name: "Glow Austin", timezone: "America/Chicago", ended: 40, unmarked: 12, oldestUnmarked: new Date("2026-11-21T15:30:00Z"), ...over,
  });

  it("reports a clinic with unmarked visits once, with the count, the share and the oldest in the clinic's own date", () => {
    const [f, ...rest] = unmarkedAppointmentsRule({ clinics: [clinic()], orgSlug });
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ kind: "appointments.unmarked", subjectKey: "clinic", severity: "medium", title: "Glow Austin: 12 past appointments not marked" });
    expect(f!.reason).toContain("12 of the 40 appointments that ended in the last 14 days (30%) were never marked showed or no-show, the oldest on Nov 21.");
    expect(f!.action).toMatchObject({ href: "/agency/acme/admin/calendar?clinic=loc1" });
  });
  it("uses the clinic's time zone for the oldest date (late evening in Los Angeles is the next day in UTC)", () => {
    const [f] = unmarkedAppointmentsRule({ clinics: [clinic({ timezone: "America/Los_Angeles", oldestUnmarked: new Date("2026-11-22T05:00:00Z") })], orgSlug });
    expect(f!.reason).toContain("the oldest on Nov 21.");
  });
  it("is high when most past visits are unmarked, and quiet below the minimum or with no history", () => {
    expect(unmarkedAppointmentsRule({ clinics: [clinic({ ended: 20, unmarked: 15 })], orgSlug })[0]!.severity).toBe("high");
    expect(unmarkedAppointmentsRule({ clinics: [clinic({ unmarked: UNMARKED_MIN - 1 })], orgSlug })).toEqual([]);
    expect(unmarkedAppointmentsRule({ clinics: [clinic({ ended: 0, unmarked: 0, oldestUnmarked: null })], orgSlug })).toEqual([]);
  });
});

describe("the forecast from the book", () => {
  it("uses the trend alone without a bill of supplies, and the book when it needs more", () => {
    const trend = forecastFromBook({ onHand: 10, reorderPoint: 2, parLevel: 30, weeklyUsage: [14, 14, 14, 14], bookedUnits: null });
    expect(trend).toMatchObject({ trendUnits: 14, demandUnits: 14, daysLeft: 5, runsOutBeforeDelivery: true, suggestedOrder: 20 });
    const busy = forecastFromBook({ onHand: 10, reorderPoint: 2, parLevel: 12, weeklyUsage: [7, 7, 7, 7], bookedUnits: 21 });
    expect(busy).toMatchObject({ trendUnits: 7, demandUnits: 21, daysLeft: 3, runsOutBeforeDelivery: true, suggestedOrder: 13 });
    const quiet = forecastFromBook({ onHand: 10, reorderPoint: 2, parLevel: 12, weeklyUsage: [7, 7, 7, 7], bookedUnits: 1 });
    expect(quiet).toMatchObject({ demandUnits: 7, runsOutBeforeDelivery: false, suggestedOrder: 0 });
  });
  it("never runs out an item nobody uses or books", () => {
    expect(forecastFromBook({ onHand: 3, reorderPoint: 0, parLevel: 0, weeklyUsage: [], bookedUnits: 0 })).toMatchObject({ daysLeft: null, runsOutBeforeDelivery: false });
  });
  it("adds up the supplies of booked appointments per clinic and SKU through the longest matching service", () => {
    const services = [
      { match: "myers", supplies: [{ sku: "BAG", quantity: 1 }, { sku: "KIT", quantity: 1 }] },
      { match: "myers plus", supplies: [{ sku: "BAG", quantity: 2 }] },
    ];
    expect(matchService(services, { title: "Myers Plus", calendarName: null })).toBe(services[1]);
    const units = bookedSupplies(
      [
        { locationId: "l1", title: "Myers", calendarName: null, count: 3 },
        { locationId: "l1", title: null, calendarName: "Myers Plus drips", count: 2 },
        { locationId: "l2", title: "Botox", calendarName: null, count: 9 },
      ],
      (a) => matchService(services, a),
    );
    expect(Object.fromEntries(units)).toEqual({ "l1:BAG": 7, "l1:KIT": 3 });
  });
});

describe("stock", () => {
  const item = (over: Partial<PictureItem> & { weekly?: number[]; booked?: number | null } = {}): PictureItem => {
    const { weekly = [14, 14, 14, 14], booked = null, ...rest } = over;
    const base = { id: "i1", locationId: "loc1", clinicName: "Austin", timezone: "America/Chicago", sku: "BAG", name: "Saline 1L", unit: "bags", supplier: "McKesson", costCents: 300, onHand: 10, reorderPoint: 2, parLevel: 30, recentUsage: weekly.reduce((s, n) => s + n, 0), ...rest };
    return { ...base, forecast: forecastFromBook({ onHand: base.onHand, reorderPoint: base.reorderPoint, parLevel: base.parLevel, weeklyUsage: weekly, bookedUnits: booked }) };
  };
  it("reports a stockout ahead with its numbers and says when the trend alone was used", () => {
    const [f] = stockRule({ items: [item()], hasBillOfSupplies: false, orgSlug });
    expect(f).toMatchObject({ kind: "inventory.stockout_ahead", title: "Austin: Saline 1L runs out in 5 days", action: { kind: "inventory.reorder" } });
    expect(f!.reason).toContain("No bill of supplies is set up, so the forecast is the usage trend alone.");
    expect(f!.reason).toContain("Suggested order: 20 bags.");
    const [booked] = stockRule({ items: [item({ weekly: [2, 2, 2, 2], booked: 12 })], hasBillOfSupplies: true, orgSlug });
    expect(booked!.reason).toContain("Appointments booked for the next 7 days need 12.");
  });
  it("reports an item at zero only when it is still used or booked", () => {
    expect(stockRule({ items: [item({ onHand: 0, weekly: [0, 0, 0, 0] })], hasBillOfSupplies: false, orgSlug })).toEqual([]);
    expect(stockRule({ items: [item({ onHand: 0 })], hasBillOfSupplies: false, orgSlug })[0]).toMatchObject({ kind: "inventory.out_of_stock", severity: "high" });
    expect(stockRule({ items: [item({ onHand: 0, booked: 3 })], hasBillOfSupplies: true, orgSlug })[0]).toMatchObject({ severity: "critical" });
  });
  it("finds nothing for a new item with no history", () => {
    expect(stockRule({ items: [item({ weekly: [0] })], hasBillOfSupplies: false, orgSlug })).toEqual([]);
  });
});

describe("lots", () => {
  const lot = (expiresOn: string | null, over: Partial<StockedLot> = {}): StockedLot => ({
    id: "lot1", lotNumber: "L-77", expiresOn: expiresOn ? new Date(`${expiresOn}T00:00:00Z`) : null, onHand: 12,
    item: { id: "i1", name: "NAD+ vial", unit: "vials", locationId: "loc1", clinicName: "Austin", timezone: "America/Chicago" }, ...over,
  });
  const run = (lots: StockedLot[], recalls = new Map<string, string>(), at = now) => lotRule({ lots, recalls, now: at, orgSlug });

  it("counts days to expiry from the clinic's own date, not UTC's", () => {
    // 03:00 UTC on Dec 3 is still Dec 2 in Chicago.
    const late = new Date("2026-12-03T03:00:00Z");
    expect(daysToExpiry(new Date("2026-12-03T00:00:00Z"), late, "America/Chicago")).toBe(1);
    expect(daysToExpiry(new Date("2026-12-03T00:00:00Z"), late, "Europe/Berlin")).toBe(0);
  });
  it("reports lots within 30 days with stock, expired ones as high with a quarantine", () => {
    expect(run([lot("2027-01-15")])).toEqual([]);
    expect(run([lot("2026-12-20")])[0]).toMatchObject({ kind: "inventory.lot_expiring", severity: "medium", title: "Austin: lot L-77 of NAD+ vial expires in 18 days" });
    expect(run([lot("2026-11-30")])[0]).toMatchObject({ severity: "high", action: { kind: "inventory.quarantine" } });
    expect(run([lot("2026-12-20", { onHand: 0 })])).toEqual([]);
    expect(run([lot(null)])).toEqual([]);
  });
  it("reports a recalled lot in stock as critical, whatever its expiry", () => {
    const [f] = run([lot(null)], new Map([["L-77", "FDA recall R-1234: particulates"]]));
    expect(f).toMatchObject({ kind: "inventory.lot_recalled", severity: "critical", action: { kind: "inventory.quarantine" } });
    expect(f!.reason).toContain("FDA recall R-1234");
  });
});

describe("clinic trends", () => {
  const trend = (recent: [number, number, number], baseline: [number, number, number]) => ({
    id: "loc1", name: "Austin",
    recent: { total: recent[0], noshow: recent[1], cancelled: recent[2] },
    baseline: { total: baseline[0], noshow: baseline[1], cancelled: baseline[2] },
  });
  const run = (t: ReturnType<typeof trend>) => clinicTrendRule({ clinics: [t], orgSlug });

  it("reports a no-show rate well above the clinic's own baseline, with the numbers", () => {
    const [f] = run(trend([100, 18, 5], [300, 24, 15]));
    expect(f).toMatchObject({ kind: "clinic.noshow_rising", title: "Austin: no-shows up to 18%" });
    expect(f!.reason).toBe("No-shows were 18% of appointments in the last 4 weeks (18 of 100), against 8% over the 12 weeks before (24 of 300).");
  });
  it("ignores a small rise and a clinic without history", () => {
    expect(run(trend([100, 10, 5], [300, 24, 15]))).toEqual([]);
    expect(run(trend([30, 20, 5], [20, 1, 1]))).toEqual([]);
  });
  it("reports cancellations rising and bookings falling", () => {
    expect(run(trend([100, 8, 20], [300, 24, 15])).map((f) => f.kind)).toEqual(["clinic.cancellations_rising"]);
    expect(run(trend([40, 3, 2], [300, 24, 15])).map((f) => f.kind)).toEqual(["clinic.bookings_falling"]);
  });
});

describe("webhook inbox", () => {
  const clinic = (inbox: Partial<ClinicInboxHealth> | undefined): InboxClinic => ({
    id: "loc1", name: "Austin", timezone: "America/Chicago",
    inbox: inbox && { waiting: 0, dead: 0, oldestWaitingAt: null, lastDead: null, ...inbox },
  });
  const run = (c: InboxClinic) => webhookInboxRule({ clinics: [c], now, orgSlug });

  it("reads the reference a stored failure starts with, and never the detail", () => {
    expect(inboxErrorReference("1a2b3c4d: date/time field value out of range")).toBe("1a2b3c4d");
    expect(inboxErrorReference("date/time field value out of range")).toBeNull();
    expect(inboxErrorReference(null)).toBeNull();
  });
  it("finds nothing when every accepted update was applied", () => {
    expect(run(clinic(undefined))).toEqual([]);
    expect(run(clinic({ waiting: 40, oldestWaitingAt: new Date(now.getTime() - 30_000) }))).toEqual([]);
  });
  it("reports dead-lettered updates with the latest one's reference, in the clinic's timezone", () => {
    const [f] = run(clinic({ dead: 3, lastDead: { type: "ContactUpdate", reference: "1a2b3c4d", at: new Date("2026-12-02T14:00:00Z") } }));
    expect(f).toMatchObject({ kind: "sync.webhooks_failed", severity: "high", subjectKey: "clinic", title: "Austin: 3 GoHighLevel updates could not be applied", action: { kind: "sync.retry" } });
    expect(f!.reason).toContain("ContactUpdate at Dec 2, 8:00 AM CST");
    expect(f!.reason).toContain("reference 1a2b3c4d");
    expect(f!.records[0]!.href).toBe("/agency/acme/admin/settings/integrations");
    expect(run(clinic({ dead: 1 }))[0]!.title).toBe("Austin: 1 GoHighLevel update could not be applied");
  });
  it("reports a backlog only once the oldest waiting update is more than ten minutes old", () => {
    expect(run(clinic({ waiting: 12, oldestWaitingAt: new Date(now.getTime() - 10 * 60_000) }))).toEqual([]);
    const [f] = run(clinic({ waiting: 12, oldestWaitingAt: new Date(now.getTime() - 25 * 60_000) }));
    expect(f).toMatchObject({ kind: "sync.webhooks_behind", title: "Austin: 12 GoHighLevel updates waiting for 25 min" });
  });
});
