import type { HistoryAppointment } from "@/lib/noshow/features";
import { localParts } from "@/lib/noshow/features";

/**
 * A generated appointment history whose true no-show process is known, for the benchmark, the
 * demo agency and tests. The process (log-odds of a no-show):
 *
 *   −2.6 + u(contact) + 0.35·ln(1 + days booked ahead) − 0.6·[booked the same day]
 *        − 0.9·[confirmed] + 0.4·[first visit] + 0.35·[Monday] + 0.3·[before 10 am local]
 *
 * where u(contact) ~ Normal(0, 0.9) is each patient's own reliability, never observed: the
 * model can only learn it from their past visits. About 1 in 20 appointments is cancelled
 * (a third of those within 24 h of the start). Half of the appointments were confirmed, as
 * recorded by the score snapshot taken before them.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(1e-12, rand());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export const TRUE_PROCESS = {
  intercept: -2.6,
  contactSd: 0.9,
  leadLog: 0.35,
  sameDay: -0.6,
  confirmed: -0.9,
  firstVisit: 0.4,
  monday: 0.35,
  early: 0.3,
};

export interface SyntheticOptions {
  contacts: number;
  /** Days of history before `now`; appointments are also booked up to 14 days after it. */
  days: number;
  now: Date;
  seed?: number;
  locations?: Array<{ id: string; timezone: string }>;
  calendars?: string[];
}

export interface SyntheticAppointment extends HistoryAppointment {
  /** The true probability of a no-show this appointment had. */
  trueProbability: number;
  endTime: Date;
}

const DAY = 86_400_000;

export function generateHistory(options: SyntheticOptions): SyntheticAppointment[] {
  const rand = mulberry32(options.seed ?? 7);
  const locations = options.locations ?? [{ id: "loc-1", timezone: "America/Chicago" }];
  const calendars = options.calendars ?? ["cal-drip", "cal-botox", "cal-consult"];
  const start = options.now.getTime() - options.days * DAY;
  const horizon = options.now.getTime() + 14 * DAY;
  const out: SyntheticAppointment[] = [];
  let n = 0;
  for (let c = 0; c < options.contacts; c++) {
    const contactId = `contact-${c}`;
    const location = locations[c % locations.length]!;
    const u = normal(rand) * TRUE_PROCESS.contactSd;
    const gap = 14 + rand() * 60;
    let t = start + rand() * options.days * DAY * 0.9;
    let showedBefore = false;
    while (t < horizon) {
      // A local start between 8:00 and 18:00 on the hour or half hour (clinic time, roughly).
      const localHour = 8 + Math.floor(rand() * 20) / 2;
      const dayStart = Math.floor(t / DAY) * DAY;
      const offsetHours = -localParts(new Date(dayStart + 12 * 3_600_000), location.timezone).hour + 12;
      const startTime = new Date(dayStart + (localHour + offsetHours) * 3_600_000);
      if (startTime.getTime() >= horizon) break;
      const sameDay = rand() < 0.1;
      const leadDays = sameDay ? rand() * 0.2 : 1 + Math.floor(-Math.log(Math.max(1e-9, rand())) * 12);
      const bookedAt = new Date(startTime.getTime() - leadDays * DAY);
      const confirmed = rand() < 0.5;
      const local = localParts(startTime, location.timezone);
      const eta =
        TRUE_PROCESS.intercept +
        u +
        TRUE_PROCESS.leadLog * Math.log1p(leadDays) +
        (sameDay ? TRUE_PROCESS.sameDay : 0) +
        (confirmed ? TRUE_PROCESS.confirmed : 0) +
        (showedBefore ? 0 : TRUE_PROCESS.firstVisit) +
        (local.weekday === 0 ? TRUE_PROCESS.monday : 0) +
        (local.hour < 10 ? TRUE_PROCESS.early : 0);
      const p = 1 / (1 + Math.exp(-eta));
      const past = startTime.getTime() < options.now.getTime();
      const cancelled = rand() < 0.05;
      const noShow = rand() < p;
      const changedAt = cancelled ? new Date(startTime.getTime() - (rand() < 1 / 3 ? rand() * 0.9 : 1 + rand() * 5) * DAY) : startTime;
      const status = cancelled && changedAt.getTime() < options.now.getTime() ? "cancelled" : !past ? (confirmed ? "confirmed" : "new") : noShow ? "noshow" : "showed";
      if (status === "showed") showedBefore = true;
      out.push({
        id: `appt-${n++}`,
        contactId,
        locationId: location.id,
        calendarId: calendars[Math.floor(rand() * calendars.length)]!,
        status,
        startTime,
        endTime: new Date(startTime.getTime() + 45 * 60_000),
        bookedAt: bookedAt.getTime() > options.now.getTime() ? new Date(options.now.getTime() - 3_600_000) : bookedAt,
        changedAt,
        confirmedSnapshot: past ? confirmed : null,
        trueProbability: p,
      });
      t = startTime.getTime() + gap * DAY * (0.5 + rand());
    }
  }
  return out;
}
