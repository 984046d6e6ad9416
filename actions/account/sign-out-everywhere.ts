"use server";

import { z } from "zod";
import { userAction } from "@/lib/entry/action";
import { endAllSessions } from "@/lib/auth/session";

export const signOutEverywhereAction = userAction({
  name: "account.sign-out-everywhere",
  input: z.object({}).strict(),
  run: async (_input, session) => ({ sessionsEnded: await endAllSessions(session.user.id) }),
  audit: (_input, data, session) => ({ targetType: "user", targetId: session.user.id, metadata: data }),
});
