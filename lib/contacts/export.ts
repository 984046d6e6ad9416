import "server-only";
import { csvRows } from "@/lib/csv/cell";
import type { OrgContext } from "@/lib/auth/context";
import type { ContactFilter } from "@/lib/contacts/filters";
import { contactWhere } from "@/lib/contacts/list";

const BATCH = 1_000;
export const CONTACT_CSV_COLUMNS = ["First name", "Last name", "Email", "Phone", "Tags", "Clinic", "Added", "GHL contact id"];

/**
 * The contacts matching a filter as CSV, read in batches by id so memory stays flat however
 * many there are, and sent as each batch is read.
 */
export function contactsCsvStream(ctx: Pick<OrgContext, "clinicIds" | "db">, filter: Omit<ContactFilter, "sort" | "page">): ReadableStream<Uint8Array> {
  const where = contactWhere(ctx, filter);
  const encoder = new TextEncoder();
  let after: string | undefined;
  let first = true;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await ctx.db.contact.findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        orderBy: { id: "asc" },
        take: BATCH,
        select: { id: true, firstName: true, lastName: true, email: true, phone: true, tags: true, dateAdded: true, ghlContactId: true, location: { select: { name: true } } },
      });
      const records = rows.map((r) => [r.firstName, r.lastName, r.email, r.phone, r.tags.join("; "), r.location.name, r.dateAdded.toISOString(), r.ghlContactId]);
      const text = csvRows(records, first ? { header: CONTACT_CSV_COLUMNS } : {});
      first = false;
      if (text) controller.enqueue(encoder.encode(text));
      after = rows.at(-1)?.id;
      if (rows.length < BATCH) controller.close();
    },
  });
}
