/**
 * Services and their bills of supplies: which service an appointment is, matched by text in its
 * calendar's name or its title. Pure, shared by the reorder forecast and the unconfirmed
 * appointments detector.
 */

export interface ServiceDefinition {
  id: string;
  name: string;
  match: string;
  priceCents: number | null;
  supplies: Array<{ sku: string; quantity: number }>;
}

/** The first service (longest match text first, so "Myers' Cocktail Plus" beats "Myers'") whose text appears in the calendar name or title. */
export function matchService<S extends Pick<ServiceDefinition, "match">>(services: S[], appointment: { title: string | null; calendarName: string | null }): S | null {
  const haystack = `${appointment.calendarName ?? ""}\n${appointment.title ?? ""}`.toLowerCase();
  let best: S | null = null;
  for (const service of services) {
    const needle = service.match.trim().toLowerCase();
    if (needle && haystack.includes(needle) && (!best || needle.length > best.match.trim().length)) best = service;
  }
  return best;
}
