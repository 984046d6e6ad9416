import { answerQuestion } from "@/lib/ai/ask";
import { resolveModel } from "@/lib/ai/model";
import { orgRoute } from "@/lib/entry/org-route";

/** Ask Sidecar: one question in, the answer streamed back as AI SDK UI message chunks. */
export const POST = orgRoute<{ slug: string }>("ask.use", async (request, ctx) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ code: "invalid_input", error: "The question could not be read." }, { status: 400 });
  }
  return answerQuestion({ ctx, choice: resolveModel(), body, signal: request.signal });
});

export const maxDuration = 60;
