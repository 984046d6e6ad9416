/**
 * Who an audit entry names, in words, the same on every audit view: a person by name ("Former
 * user" once their account is gone, "System" for none), and when the platform acted, which admin
 * and, while looking in, as whom: "<admin> (Sidecar platform) as <member>". Safe in client components.
 */

export interface AuditActorEntry {
  actorUserId: string | null;
  impersonatorUserId: string | null;
  action: string;
}

export function personName(people: ReadonlyArray<{ id: string; name: string }>, id: string | null): string {
  return id ? (people.find((person) => person.id === id)?.name ?? "Former user") : "System";
}

/** The name, and the platform's part when there is one (shown muted beside it). */
export function auditActor(entry: AuditActorEntry, people: ReadonlyArray<{ id: string; name: string }>): { name: string; platform: string | null } {
  if (entry.impersonatorUserId) return { name: personName(people, entry.impersonatorUserId), platform: `(Sidecar platform) as ${personName(people, entry.actorUserId)}` };
  return { name: personName(people, entry.actorUserId), platform: entry.action.startsWith("platform.") ? "(Sidecar platform)" : null };
}

export function auditActorText(entry: AuditActorEntry, people: ReadonlyArray<{ id: string; name: string }>): string {
  const { name, platform } = auditActor(entry, people);
  return platform ? `${name} ${platform}` : name;
}
