import "server-only";
import { systemDb } from "@/lib/db/system";

/**
 * The people behind user ids read from an agency's own rows (audit actors, note authors).
 * Users are not tenant rows: they are only ever read by such ids, never listed, and someone
 * who has since left the agency keeps their name on what they did.
 */
export async function findPeople(ids: Iterable<string | null>): Promise<Array<{ id: string; name: string; email: string }>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return [];
  return systemDb("orgs.directory").user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
}
