import { describe, expect, it } from "vitest";
import { preventionRule, type OpenRequest } from "@/lib/ops/detectors/prevention";
import {
  ZPolicyInput,
  decideConfirmation,
  isQuietTime,
  parseReply,
  policyFromInput,
  smsBlockedByDnd,
  type ConfirmationCandidate,
  type Policy,
} from "@/lib/prevention/policy";
import { MAX_OFFERS_PER_SLOT, ZWaitlistInput, entryMatches, isPastDate, nextEntry, type EntryForMatch } from "@/lib/prevention/waitlist";

const TZ = "America/Chicago";
const HOUR = 3_600_000;
// Tue 2026-12-08 10:00 in Chicago (CST, UTC-6).
const NOW = new Date("2026-12-08T16:00:00Z");

const policy: Policy = { enabled: true, riskThreshold: 0.3, hoursBefore: 48, replyDeadlineHours: 24, quietStartMinute: 21 * 60, quietEndMinute: 8 * 60, offerWindowMinutes: 30 };
const candidate = (over: Partial<ConfirmationCandidate> = {}): ConfirmationCandidate => ({
  startTime: new Date(NOW.getTime() + 30 * HOUR),
  status: "new",
  deletedAt: null,
  hasContact: true,
  risk: 0.4,
  alreadyRequested: false,
  ...over,
});

describe("confirmation decisions", () => {
  it("sends for an appointment at or above the threshold inside its window", () => {
    expect(decideConfirmation(candidate(), policy, NOW, TZ)).toEqual({ action: "send" });
    expect(decideConfirmation(candidate({ risk: 0.3 }), policy, NOW, TZ)).toEqual({ action: "send" });
  });

  it("skips below the threshold, without a score, confirmed or cancelled ones, and ones already asked (never twice)", () => {
    expect(decideConfirmation(candidate({ risk: 0.29 }), policy, NOW, TZ)).toMatchObject({ action: "skip", reason: "below the threshold" });
    expect(decideConfirmation(candidate({ risk: undefined }), policy, NOW, TZ)).toMatchObject({ action: "skip", reason: "no risk score" });
    expect(decideConfirmation(candidate({ status: "confirmed" }), policy, NOW, TZ)).toMatchObject({ action: "skip" });
    expect(decideConfirmation(candidate({ status: "cancelled" }), policy, NOW, TZ)).toMatchObject({ action: "skip" });
    expect(decideConfirmation(candidate({ alreadyRequested: true }), policy, NOW, TZ)).toMatchObject({ action: "skip", reason: "already asked for this appointment" });
    expect(decideConfirmation(candidate(), { ...policy, enabled: false }, NOW, TZ)).toMatchObject({ action: "skip" });
  });

  it("waits until N hours before and gives up once too close to the deadline", () => {
    expect(decideConfirmation(candidate({ startTime: new Date(NOW.getTime() + 49 * HOUR) }), policy, NOW, TZ)).toMatchObject({ action: "wait" });
    expect(decideConfirmation(candidate({ startTime: new Date(NOW.getTime() + 48 * HOUR) }), policy, NOW, TZ)).toEqual({ action: "send" });
    // Deadline 24 h before: sent later than 25 h before, the patient would have under an hour.
    expect(decideConfirmation(candidate({ startTime: new Date(NOW.getTime() + 24.5 * HOUR) }), policy, NOW, TZ)).toMatchObject({ action: "skip", reason: "too close to the deadline" });
  });

  it("holds messages in quiet hours on the clinic's clock, wrapping past midnight", () => {
    // 07:00 in Chicago is 13:00 UTC: quiet on the clinic's clock, not on the server's.
    expect(isQuietTime(new Date("2026-12-08T13:00:00Z"), TZ, 21 * 60, 8 * 60)).toBe(true);
    expect(isQuietTime(new Date("2026-12-08T13:00:00Z"), "UTC", 21 * 60, 8 * 60)).toBe(false);
    // 22:30 in Chicago, past midnight in UTC.
    const lateEvening = new Date("2026-12-09T04:30:00Z");
    expect(isQuietTime(lateEvening, TZ, 21 * 60, 8 * 60)).toBe(true);
    expect(isQuietTime(new Date("2026-12-08T13:59:00Z"), TZ, 21 * 60, 8 * 60)).toBe(true); // 07:59
    expect(isQuietTime(new Date("2026-12-08T14:00:00Z"), TZ, 21 * 60, 8 * 60)).toBe(false); // 08:00
    expect(isQuietTime(new Date("2026-12-08T19:30:00Z"), TZ, 13 * 60, 14 * 60)).toBe(true); // 13:30, a non-wrapping window
    expect(decideConfirmation(candidate({ startTime: new Date(lateEvening.getTime() + 30 * HOUR) }), policy, lateEvening, TZ)).toMatchObject({ action: "wait", reason: "quiet hours" });
  });

  it("respects DND for every channel or for SMS (active or permanent), not for other channels", () => {
    expect(smsBlockedByDnd({ dnd: true })).toBe(true);
    expect(smsBlockedByDnd({ dndSettings: { SMS: { status: "active" } } })).toBe(true);
    expect(smsBlockedByDnd({ dndSettings: { SMS: { status: "permanent" } } })).toBe(true);
    expect(smsBlockedByDnd({ dndSettings: { SMS: { status: "inactive" } } })).toBe(false);
    expect(smsBlockedByDnd({ dndSettings: { Email: { status: "active" } } })).toBe(false);
    expect(smsBlockedByDnd({})).toBe(false);
  });
});

describe("replies", () => {
  it("reads yes, Y, C and confirm as yes, whatever the case and punctuation", () => {
    for (const text of ["yes", "Y", "c", " C ", "Confirm", "confirmed!", "YES."]) expect(parseReply(text)).toBe("yes");
    for (const text of ["no", "N", "cancel", "can't", "STOP"]) expect(parseReply(text)).toBe("no");
    for (const text of ["what time is it?", "", "yes but can we move it", "cc"]) expect(parseReply(text)).toBeNull();
  });
});

describe("policy input", () => {
  const base = { locationId: "loc", enabled: true, riskThresholdPercent: 30, hoursBefore: 48, replyDeadlineHours: 24, quietStart: "21:00", quietEnd: "08:00", offerWindowMinutes: 30 };
  it("accepts a sensible policy and stores the threshold as a probability", () => {
    expect(policyFromInput(ZPolicyInput.parse(base))).toMatchObject({ riskThreshold: 0.3, quietStartMinute: 1260, quietEndMinute: 480 });
  });
  it("refuses impossible windows with a message that says why", () => {
    const issue = (over: Record<string, unknown>) => ZPolicyInput.safeParse({ ...base, ...over }).error?.issues[0];
    expect(issue({ replyDeadlineHours: 48 })).toMatchObject({ path: ["replyDeadlineHours"], message: expect.stringMatching(/reply deadline/) });
    expect(issue({ replyDeadlineHours: 60 })).toMatchObject({ path: ["replyDeadlineHours"] });
    expect(issue({ quietStart: "08:00", quietEnd: "08:00" })).toMatchObject({ message: expect.stringMatching(/different times/) });
    // 11 h of quiet against a 10 h window between send and deadline.
    expect(issue({ hoursBefore: 12, replyDeadlineHours: 2 })).toMatchObject({ path: ["quietEnd"], message: expect.stringMatching(/could never get a message/) });
    expect(issue({ riskThresholdPercent: 0 })).toBeDefined();
    expect(issue({ quietStart: "25:00" })).toBeDefined();
  });
});

describe("waitlist", () => {
  const entry = (over: Partial<EntryForMatch> = {}): EntryForMatch => ({
    id: "e1",
    contactId: "c1",
    ghlCalendarId: "cal",
    preferredDays: [],
    preferredFromMinute: 0,
    preferredToMinute: 1440,
    expiresOn: "2026-12-31",
    status: "active",
    createdAt: new Date("2026-12-01T00:00:00Z"),
    ...over,
  });
  // Thu 2026-12-10 15:00 Chicago.
  const opening = { ghlCalendarId: "cal", startTime: new Date("2026-12-10T21:00:00Z"), freedByContactId: "c-freed" };

  it("matches by calendar, preferred day and time in the clinic's timezone, and expiry", () => {
    expect(entryMatches(entry(), opening, NOW, TZ)).toBe(true);
    expect(entryMatches(entry({ ghlCalendarId: "other" }), opening, NOW, TZ)).toBe(false);
    expect(entryMatches(entry({ preferredDays: [4] }), opening, NOW, TZ)).toBe(true);
    expect(entryMatches(entry({ preferredDays: [1, 2] }), opening, NOW, TZ)).toBe(false);
    expect(entryMatches(entry({ preferredFromMinute: 14 * 60, preferredToMinute: 16 * 60 }), opening, NOW, TZ)).toBe(true);
    // 21:00 UTC is 15:00 in Chicago: a 20:00–22:00 preference read in UTC would wrongly match.
    expect(entryMatches(entry({ preferredFromMinute: 20 * 60, preferredToMinute: 22 * 60 }), opening, NOW, TZ)).toBe(false);
    expect(entryMatches(entry({ expiresOn: "2026-12-07" }), opening, NOW, TZ)).toBe(false);
    expect(entryMatches(entry({ status: "booked" }), opening, NOW, TZ)).toBe(false);
    expect(entryMatches(entry({ contactId: "c-freed" }), opening, NOW, TZ)).toBe(false);
  });

  it("offers the oldest matching entry not yet asked, skips a contact with another offer open, and stops at three", () => {
    const entries = [entry({ id: "new", contactId: "c2", createdAt: new Date("2026-12-05T00:00:00Z") }), entry({ id: "old", contactId: "c1" }), entry({ id: "busy", contactId: "c3", createdAt: new Date("2026-11-01T00:00:00Z") })];
    const busy = new Set(["c3"]);
    expect(nextEntry(entries, opening, { entryIds: new Set(), count: 0 }, busy, NOW, TZ)?.id).toBe("old");
    expect(nextEntry(entries, opening, { entryIds: new Set(["old"]), count: 1 }, busy, NOW, TZ)?.id).toBe("new");
    expect(nextEntry(entries, opening, { entryIds: new Set(["old", "new"]), count: 2 }, busy, NOW, TZ)).toBeNull();
    expect(nextEntry(entries, opening, { entryIds: new Set(), count: MAX_OFFERS_PER_SLOT }, new Set(), NOW, TZ)).toBeNull();
  });

  it("refuses a past expiry against the clinic's date, and a backwards time range", () => {
    // 23:30 on Dec 7 in Chicago is already Dec 8 in UTC.
    const lateNight = new Date("2026-12-08T05:30:00Z");
    expect(isPastDate("2026-12-07", lateNight, TZ)).toBe(false);
    expect(isPastDate("2026-12-07", lateNight, "UTC")).toBe(true);
    const input = { locationId: "l", contactId: "c", ghlCalendarId: "cal", preferredFrom: "17:00", preferredTo: "09:00", expiresOn: "2026-12-31" };
    expect(ZWaitlistInput.safeParse(input).error?.issues[0]?.message).toMatch(/after the earliest/);
    expect(ZWaitlistInput.safeParse({ ...input, preferredTo: "18:00", expiresOn: "2026-02-30" }).error?.issues[0]?.message).toMatch(/not a date/);
  });
});

describe("the queue's 'call to confirm'", () => {
  const request = (over: Partial<OpenRequest> = {}): OpenRequest => ({
    appointmentId: "a1",
    locationId: "l1",
    timezone: TZ,
    status: "sent",
    deadlineAt: new Date(NOW.getTime() - 60_000),
    riskScore: 0.5,
    startTime: new Date(NOW.getTime() + 20 * HOUR),
    appointmentStatus: "new",
    contact: { id: "c1", name: "Ana Ruiz", phone: "+15125550111" },
    ...over,
  });
  it("files one when the deadline passed unanswered, or the patient said no, and not once confirmed or past", () => {
    const rule = (r: OpenRequest) => preventionRule({ requests: [r], offers: [], now: NOW, orgSlug: "acme" });
    expect(rule(request())).toMatchObject([{ kind: "prevention.call_to_confirm", subjectKey: "a1", severity: "high" }]);
    expect(rule(request({ status: "declined" }))[0]?.reason).toMatch(/answered with a no/);
    expect(rule(request({ deadlineAt: new Date(NOW.getTime() + 60_000) }))).toEqual([]);
    expect(rule(request({ appointmentStatus: "confirmed" }))).toEqual([]);
    expect(rule(request({ startTime: new Date(NOW.getTime() - 60_000) }))).toEqual([]);
  });
});
