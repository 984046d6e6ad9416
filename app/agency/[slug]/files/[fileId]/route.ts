import { downloadUrl } from "@/lib/storage/files";
import { orgRoute } from "@/lib/entry/org-route";

/**
 * A stored file, for a member who may see its clinic: a redirect to a download URL signed for
 * five minutes. Another agency's file, a clinic the member cannot see, and a file that does not
 * exist are the same 404.
 */
export const GET = orgRoute<{ slug: string; fileId: string }>("clinic.view", async (request, ctx, { fileId }) => {
  const url = await downloadUrl(ctx, typeof fileId === "string" ? fileId.slice(0, 64) : "");
  return new Response(null, { status: 303, headers: { Location: new URL(url, request.url).toString(), "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } });
});
