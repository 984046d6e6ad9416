import { z } from "zod";
import { formatInZone, zonedTimeKey } from "@/lib/time/zoned";

/**
 * The no-show prevention policy's rules, as pure functions of the policy, the appointment, the
 * contact's do-not-disturb flags and a clock: who gets a confirmation request, when, and what a
 * reply means. lib/prevention/run.ts loads the data and calls GHL; everything decided is here.
 */

export const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new RangeError(`not a wall time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** How long quiet hours last, in minutes (they may wrap past midnight). */
export function quietLengthMinutes(startMinute: number, endMinute: number): number {
  return (endMinute - startMinute + 1440) % 1440;
}

/** The patient needs at least this long between the message and the deadline to answer. */
export const MIN_REPLY_WINDOW_HOURS = 1;

const wallTime = z.string().regex(HHMM, "Use a 24-hour time like 21:00.");

export const ZPolicyInput = z
  .object({
    locationId: z.string().min(1).max(64),
    enabled: z.boolean(),
    /** Percent, 1–99: appointments at or above it get a request. */
    riskThresholdPercent: z.coerce.number().int("Use a whole percent.").min(1, "The threshold is at least 1%.").max(99, "The threshold is at most 99%."),
    hoursBefore: z.coerce.number().int("Use whole hours.").min(2, "Send at least 2 hours before.").max(168, "Send at most 7 days (168 hours) before."),
    replyDeadlineHours: z.coerce.number().int("Use whole hours.").min(0, "The deadline cannot be after the appointment starts.").max(167),
    quietStart: wallTime,
    quietEnd: wallTime,
    offerWindowMinutes: z.coerce.number().int("Use whole minutes.").min(5, "Give at least 5 minutes to answer an offer.").max(1440, "At most a day (1440 minutes)."),
  })
  .superRefine((input, ctx) => {
    if (!Number.isFinite(input.hoursBefore) || !Number.isFinite(input.replyDeadlineHours)) return;
    const replyHours = input.hoursBefore - input.replyDeadlineHours;
    if (replyHours < MIN_REPLY_WINDOW_HOURS) {
      ctx.addIssue({
        code: "custom",
        path: ["replyDeadlineHours"],
        message: `The reply deadline (${input.replyDeadlineHours} h before) must come at least ${MIN_REPLY_WINDOW_HOURS} hour after the message goes out (${input.hoursBefore} h before).`,
      });
      return;
    }
    // A field that failed its own check has its message already.
    if (!HHMM.test(input.quietStart) || !HHMM.test(input.quietEnd)) return;
    const start = minutesOf(input.quietStart);
    const end = minutesOf(input.quietEnd);
    if (start === end) {
      ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "Quiet hours must start and end at different times." });
      return;
    }
    const quiet = quietLengthMinutes(start, end);
    // The request may go out anywhere between "hours before" and the deadline; if quiet hours
    // last as long as that window, some appointments could never be messaged.
    if (quiet >= replyHours * 60) {
      ctx.addIssue({
        code: "custom",
        path: ["quietEnd"],
        message: `Quiet hours (${Math.round(quiet / 6) / 10} h) are as long as the time between the message and the deadline (${replyHours} h): some appointments could never get a message. Shorten quiet hours or widen the window.`,
      });
    }
  });
export type PolicyInput = z.output<typeof ZPolicyInput>;

export interface Policy {
  enabled: boolean;
  riskThreshold: number;
  hoursBefore: number;
  replyDeadlineHours: number;
  quietStartMinute: number;
  quietEndMinute: number;
  offerWindowMinutes: number;
}

/** Quiet hours and offer window of a clinic that keeps a waitlist without a confirmation policy. */
export const DEFAULT_POLICY: Policy = {
  enabled: false,
  riskThreshold: 0.3,
  hoursBefore: 48,
  replyDeadlineHours: 24,
  quietStartMinute: 21 * 60,
  quietEndMinute: 8 * 60,
  offerWindowMinutes: 30,
};

export function policyFromInput(input: PolicyInput): Policy {
  return {
    enabled: input.enabled,
    riskThreshold: input.riskThresholdPercent / 100,
    hoursBefore: input.hoursBefore,
    replyDeadlineHours: input.replyDeadlineHours,
    quietStartMinute: minutesOf(input.quietStart),
    quietEndMinute: minutesOf(input.quietEnd),
    offerWindowMinutes: input.offerWindowMinutes,
  };
}

/** Whether `at` falls in quiet hours on the clinic's clock. */
export function isQuietTime(at: Date, timezone: string, quietStartMinute: number, quietEndMinute: number): boolean {
  const minute = minutesOf(zonedTimeKey(at, timezone));
  if (quietStartMinute === quietEndMinute) return false;
  if (quietStartMinute < quietEndMinute) return minute >= quietStartMinute && minute < quietEndMinute;
  return minute >= quietStartMinute || minute < quietEndMinute;
}

/** GHL's per-channel DND: all channels (`dnd`), or SMS set active or permanent. */
export interface DndFlags {
  dnd?: boolean;
  dndSettings?: Record<string, { status?: string } | null | undefined>;
}

export function smsBlockedByDnd(contact: DndFlags): boolean {
  if (contact.dnd) return true;
  const status = contact.dndSettings?.SMS?.status;
  return status === "active" || status === "permanent";
}

export interface ConfirmationCandidate {
  startTime: Date;
  status: string;
  deletedAt: Date | null;
  hasContact: boolean;
  /** The stored no-show probability, or undefined when the appointment has no score. */
  risk: number | undefined;
  /** A request was already recorded for this appointment and contact. */
  alreadyRequested: boolean;
}

export type ConfirmationDecision =
  | { action: "send" }
  | { action: "wait"; reason: string }
  | { action: "skip"; reason: string };

/**
 * Whether an appointment gets its confirmation request now. Not yet in the window or in quiet
 * hours: wait (a later run may send). Past the deadline, below the threshold, unscored, already
 * confirmed or already asked: skip. DND is checked separately, against GHL's current contact.
 */
export function decideConfirmation(candidate: ConfirmationCandidate, policy: Policy, now: Date, timezone: string): ConfirmationDecision {
  if (!policy.enabled) return { action: "skip", reason: "the policy is off" };
  if (candidate.alreadyRequested) return { action: "skip", reason: "already asked for this appointment" };
  if (candidate.deletedAt || candidate.status !== "new") return { action: "skip", reason: `the appointment is ${candidate.deletedAt ? "deleted" : candidate.status}` };
  if (!candidate.hasContact) return { action: "skip", reason: "the appointment has no contact" };
  if (candidate.risk === undefined) return { action: "skip", reason: "no risk score" };
  if (candidate.risk < policy.riskThreshold) return { action: "skip", reason: "below the threshold" };
  const opensAt = candidate.startTime.getTime() - policy.hoursBefore * 3_600_000;
  const closesAt = candidate.startTime.getTime() - policy.replyDeadlineHours * 3_600_000;
  if (now.getTime() < opensAt) return { action: "wait", reason: "not yet time to send" };
  // Sent this late the patient would have under the minimum time to answer.
  if (now.getTime() > closesAt - MIN_REPLY_WINDOW_HOURS * 3_600_000) return { action: "skip", reason: "too close to the deadline" };
  if (isQuietTime(now, timezone, policy.quietStartMinute, policy.quietEndMinute)) return { action: "wait", reason: "quiet hours" };
  return { action: "send" };
}

export function replyDeadline(startTime: Date, policy: Policy): Date {
  return new Date(startTime.getTime() - policy.replyDeadlineHours * 3_600_000);
}

const YES = new Set(["yes", "y", "c", "confirm", "confirmed", "yes please", "yep", "yeah", "ok", "okay", "si", "sí"]);
const NO = new Set(["no", "n", "cancel", "cant", "cannot", "nope", "no thanks", "stop"]);

/** What a patient's reply says: yes (Y, C, confirm…), no, or nothing Sidecar understands. */
export function parseReply(body: string): "yes" | "no" | null {
  const text = body
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .replace(/'/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (YES.has(text)) return "yes";
  if (NO.has(text)) return "no";
  return null;
}

export function confirmationText(input: { firstName: string | null; clinicName: string; startTime: Date; timezone: string }): string {
  const when = formatInZone(input.startTime, input.timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return `Hi${input.firstName ? ` ${input.firstName}` : ""}, this is ${input.clinicName}. Please confirm your appointment on ${when}: reply C to confirm, or call us to change it.`;
}

export function offerText(input: { firstName: string | null; clinicName: string; startTime: Date; timezone: string; windowMinutes: number }): string {
  const when = formatInZone(input.startTime, input.timezone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return `Hi${input.firstName ? ` ${input.firstName}` : ""}, ${input.clinicName} has an opening on ${when}. Reply YES within ${input.windowMinutes} minutes to take it, or NO to pass.`;
}
