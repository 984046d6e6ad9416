import { contactsCsvStream } from "@/lib/contacts/export";
import { ZContactFilter } from "@/lib/contacts/filters";
import { orgRoute } from "@/lib/entry/org-route";

/** The contacts of the current filter as a CSV download, streamed. */
export const GET = orgRoute("contacts.read", async (request, ctx) => {
  const { q, clinic, tag } = ZContactFilter.parse(Object.fromEntries(new URL(request.url).searchParams));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(contactsCsvStream(ctx, { q, clinic, tag }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="contacts-${ctx.organization.slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
