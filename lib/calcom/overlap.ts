/**
 * Double bookings across GHL and Cal.com, as a pure rule. Two appointments collide when they
 * come from different providers, both still hold their time, belong to the same clinic and the
 * same resource, and their intervals overlap. A Cal.com event type names the GHL calendar whose
 * chairs it shares (its appointments carry that calendar id); one mapped to no calendar stands
 * for the whole clinic. Touching ends (10:00–11:00 and 11:00–12:00) do not collide.
 */

export interface OverlapCandidate {
  id: string;
  provider: "ghl" | "calcom";
  locationId: string;
  calendarId: string | null;
  status: string;
  startTime: Date;
  endTime: Date;
  deletedAt?: Date | null;
  rescheduleRequestedAt?: Date | null;
}

/** Cancelled and invalid appointments, and those waiting for the patient to pick a new time, free their slot. */
export function holdsTime(a: Pick<OverlapCandidate, "status" | "deletedAt" | "rescheduleRequestedAt">): boolean {
  return !a.deletedAt && !a.rescheduleRequestedAt && a.status !== "cancelled" && a.status !== "invalid";
}

export function sameResource(a: OverlapCandidate, b: OverlapCandidate): boolean {
  if (a.locationId !== b.locationId) return false;
  if (a.calendarId === null || b.calendarId === null) return true;
  return a.calendarId === b.calendarId;
}

export function intervalsOverlap(a: { startTime: Date; endTime: Date }, b: { startTime: Date; endTime: Date }): boolean {
  return a.startTime.getTime() < b.endTime.getTime() && b.startTime.getTime() < a.endTime.getTime();
}

export function collides(a: OverlapCandidate, b: OverlapCandidate): boolean {
  return a.provider !== b.provider && holdsTime(a) && holdsTime(b) && sameResource(a, b) && intervalsOverlap(a, b);
}

/** Every colliding pair, Cal.com appointment first, each pair once. */
export function findCrossProviderOverlaps<T extends OverlapCandidate>(rows: T[]): Array<{ calcom: T; ghl: T }> {
  const sorted = rows.filter(holdsTime).sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const pairs: Array<{ calcom: T; ghl: T }> = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      // Sorted by start: nothing further can begin before a ends.
      if (b.startTime.getTime() >= a.endTime.getTime()) break;
      if (collides(a, b)) pairs.push(a.provider === "calcom" ? { calcom: a, ghl: b } : { calcom: b, ghl: a });
    }
  }
  return pairs;
}

/** Ids of appointments in at least one collision: what the calendar badges. */
export function doubleBookedIds(rows: OverlapCandidate[]): Set<string> {
  const ids = new Set<string>();
  for (const { calcom, ghl } of findCrossProviderOverlaps(rows)) {
    ids.add(calcom.id);
    ids.add(ghl.id);
  }
  return ids;
}
