import "server-only";
import type { OrgDb } from "@/lib/db";
import { requireClinic } from "@/lib/clinic/clinics";
import { UserError } from "@/lib/errors";
import { findGhlFreeSlots } from "@/lib/ghl/writes";
import { log } from "@/lib/log";
import { addDays } from "@/lib/calendar/views";
import { formatInZone, zonedTimeKey, zonedWallTime } from "@/lib/time/zoned";

export interface FreeSlot {
  /** "HH:MM" at the clinic, what the booking form's time field takes. */
  time: string;
  label: string;
}

export type FreeSlotsResult = { ok: true; slots: FreeSlot[] } | { ok: false; message: string };

/**
 * GHL's free start times of one calendar on one local day. Never throws: the page streams this
 * into the form, and a slow or refusing GHL must leave the rest of the form usable, with a
 * manual time still possible.
 */
export async function loadFreeSlots(db: OrgDb, clinic: { id: string; timezone: string }, ghlCalendarId: string, date: string): Promise<FreeSlotsResult> {
  try {
    const from = zonedWallTime(clinic.timezone, date);
    const to = new Date(zonedWallTime(clinic.timezone, addDays(date, 1)).getTime() - 1);
    // The caller's clinic carries its zone; GHL's id is read here, once.
    const { ghlLocationId } = await requireClinic({ db, clinicIds: null }, clinic.id);
    const slots = await findGhlFreeSlots(db, { id: clinic.id, ghlLocationId, timezone: clinic.timezone }, ghlCalendarId, from, to);
    return {
      ok: true,
      slots: slots
        .filter((slot) => slot >= from && slot <= to)
        .map((slot) => ({ time: zonedTimeKey(slot, clinic.timezone), label: formatInZone(slot, clinic.timezone, { hour: "numeric", minute: "2-digit" }) })),
    };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, message: err.message };
    log.error({ err }, "free slots could not be loaded");
    return { ok: false, message: "Free times could not be loaded from GoHighLevel. Enter a time by hand or try again." };
  }
}
