import type { OrgDb } from "@/lib/db";

/**
 * The data work of one render of the pages people use all day, as the pages call it (the
 * layout's guard aside): what bench:rls measures per render and bench:pages at volume.
 */
export async function pageRenders() {
  const { listContacts, topContactTags } = await import("@/lib/contacts/list");
  const { ZContactFilter } = await import("@/lib/contacts/filters");
  const { visibleClinics } = await import("@/lib/clinic/clinics");
  const { getContactDetail } = await import("@/lib/contacts/detail");
  const { getClinicMetrics, getDailyOutcomes } = await import("@/lib/dashboard/metrics");
  const { findInventoryAlerts } = await import("@/lib/inventory/alerts");
  type Ctx = { clinicIds: string[] | null; db: OrgDb };
  return {
    /** app/agency/[slug]/admin/contacts/(list)/page.tsx */
    contactsList: (ctx: Ctx, input: Record<string, string> = {}) =>
      Promise.all([listContacts(ctx, ZContactFilter.parse(input)), visibleClinics(ctx), topContactTags(ctx)]),
    /** app/agency/[slug]/admin/contacts/[contactId]/page.tsx */
    contactPage: (ctx: Ctx, contactId: string) => getContactDetail(ctx, contactId),
    /** app/agency/[slug]/admin/dashboard/page.tsx (all clinics) */
    dashboard: async (ctx: Ctx) => {
      const all = await getClinicMetrics(ctx);
      return Promise.all([all.length ? getDailyOutcomes(ctx) : [], findInventoryAlerts(ctx.db, { locationIds: ctx.clinicIds, limit: 5 })]);
    },
  };
}
