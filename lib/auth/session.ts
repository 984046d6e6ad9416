import "server-only";
import { cache } from "react";
import { systemDb } from "@/lib/db/system";
import { auth } from "@/lib/auth/auth";
import { requestHeaders } from "@/lib/auth/request";

export const DEFAULT_IDLE_MINUTES = 30;
/** How often activity is written back to the session row. */
const ACTIVITY_WRITE_MS = 60_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export interface CurrentSession {
  sessionId: string;
  token: string;
  user: SessionUser;
}

/** The strictest idle timeout among the agencies the user belongs to. */
async function idleTimeoutMinutes(userId: string): Promise<number> {
  const result = await systemDb("auth.membership").member.findMany({
    where: { userId },
    select: { organization: { select: { idleTimeoutMinutes: true } } },
  });
  return Math.min(DEFAULT_IDLE_MINUTES, ...result.map((m) => m.organization.idleTimeoutMinutes));
}

/**
 * The signed-in user for these headers, or null. A session idle for longer than the user's
 * agencies allow is ended here; this is the only place that records activity (updatedAt).
 * Better Auth's own refresh is off everywhere (lib/auth/auth.ts): it would stamp the session
 * active before the idle check could see how long it slept, and push expiresAt past the
 * 7-day lifetime.
 */
export async function getSessionFromHeaders(headers: Headers, now = new Date()): Promise<CurrentSession | null> {
  const result = await auth.api.getSession({ headers, query: { disableRefresh: true } });
  if (!result) return null;
  const { session, user } = result;
  const idleMs = now.getTime() - new Date(session.updatedAt).getTime();
  if (idleMs > (await idleTimeoutMinutes(user.id)) * 60_000) {
    await systemDb("auth.membership").session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (idleMs > ACTIVITY_WRITE_MS) {
    await systemDb("auth.membership").session.updateMany({ where: { id: session.id }, data: { updatedAt: now } });
  }
  return { sessionId: session.id, token: session.token, user: { id: user.id, name: user.name, email: user.email } };
}

/** The current request's session, resolved once per request. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => getSessionFromHeaders(await requestHeaders()));

/** Ends every session of the user: "sign out everywhere". */
export async function endAllSessions(userId: string): Promise<number> {
  const { count } = await systemDb("auth.membership").session.deleteMany({ where: { userId } });
  return count;
}
