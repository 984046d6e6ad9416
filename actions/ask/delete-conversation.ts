"use server";

import { z } from "zod";
import { orgAction } from "@/lib/entry/action";
import { deleteConversation } from "@/lib/ai/conversations";
import { NotFoundError } from "@/lib/errors";

export const deleteConversationAction = orgAction({
  name: "ask.delete_conversation",
  permission: "ask.use",
  input: z.object({ conversationId: z.string().trim().min(1).max(64) }),
  run: async (input, ctx) => {
    if (!(await deleteConversation(ctx, input.conversationId))) throw new NotFoundError();
    return { deleted: true };
  },
  audit: (input) => ({ targetType: "ask_conversation", targetId: input.conversationId }),
});
