import "server-only";
import { tool, type ToolSet } from "ai";
import { z } from "zod";
import { can, type Permission } from "@/lib/auth/permissions";
import {
  minimiseAttention,
  minimiseContacts,
  minimiseFindings,
  minimiseInventory,
  minimiseOutcomes,
  minimiseSync,
} from "@/lib/ai/minimise";
import { minimiseContext, recorded, ZDateKey, ZRecordId, type AskToolContext } from "@/lib/ai/tools/context";
import { findAppointmentsNeedingAttention } from "@/lib/calendar/attention";
import { visibleClinics } from "@/lib/clinic/clinics";
import { lookupContacts } from "@/lib/contacts/lookup";
import { getOutcomesByClinic } from "@/lib/dashboard/outcomes";
import { getIntegrationStatus } from "@/lib/ghl/status";
import { findInventoryAlerts } from "@/lib/inventory/alerts";
import { loadInventoryPicture } from "@/lib/ops/inventory-picture";
import { listQueue } from "@/lib/ops/queue";
import { ZQueueFilter } from "@/lib/ops/schemas";

const DAY_MS = 86_400_000;
const ZClinicIds = z.array(ZRecordId).max(50).optional().describe("Limit to these clinic ids (from listClinics); omit for every clinic the member may see.");

/**
 * Each tool is a thin call of an org-scoped lib function with the asking member's scope (clinic
 * staff: their clinics), its rows minimised before they are returned. Ids the model passes are
 * only ever filters inside that scope: another agency's or clinic's id matches nothing.
 */
export const ASK_TOOLS = {
  listClinics: {
    permission: "clinic.view",
    build: (ask: AskToolContext) =>
      tool({
        description: "The clinics the member may see, with their ids and timezones. Call first when a question names a clinic.",
        inputSchema: z.object({}),
        execute: (input) =>
          recorded(ask, "listClinics", input, async () => {
            const clinics = await visibleClinics(ask.ctx);
            const m = minimiseContext(ask);
            return { clinics: clinics.map((c) => ({ ref: { type: "clinic" as const, id: c.id, label: c.name, href: `/agency/${m.slug}` }, id: c.id, name: c.name, timezone: c.timezone })) };
          }),
      }),
  },
  appointmentStats: {
    permission: "calendar.read",
    build: (ask: AskToolContext) =>
      tool({
        description: "Appointment counts per clinic over a date range (clinic-local days, inclusive): showed, no-shows, cancelled, not yet marked, no-show and cancel rates.",
        inputSchema: z.object({ from: ZDateKey, to: ZDateKey, clinicIds: ZClinicIds }).refine((v) => v.from <= v.to, "from must not be after to"),
        execute: (input) =>
          recorded(ask, "appointmentStats", input, async () => {
            const rows = await getOutcomesByClinic(ask.ctx, { from: input.from, to: input.to, locationIds: input.clinicIds });
            return minimiseOutcomes(rows, { from: input.from, to: input.to }, minimiseContext(ask));
          }),
      }),
  },
  appointmentsNeedingAttention: {
    permission: "calendar.read",
    build: (ask: AskToolContext) =>
      tool({
        description: "Upcoming appointments someone should act on (unconfirmed, or a new time was requested), soonest first. Patients are not named unless the question names them.",
        inputSchema: z.object({ days: z.number().int().min(1).max(31).default(7), clinicIds: ZClinicIds }),
        execute: (input) =>
          recorded(ask, "appointmentsNeedingAttention", input, async () => {
            const found = await findAppointmentsNeedingAttention(ask.ctx, { from: ask.now, to: new Date(ask.now.getTime() + input.days * DAY_MS), locationIds: input.clinicIds, limit: 25 });
            return minimiseAttention(found, minimiseContext(ask));
          }),
      }),
  },
  findContact: {
    permission: "contacts.read",
    build: (ask: AskToolContext) =>
      tool({
        description: "Find a patient by the name the member asked about, with their clinic, next appointment and last visit. Never returns contact details or notes.",
        inputSchema: z.object({ name: z.string().trim().min(2).max(80) }),
        execute: (input) =>
          recorded(ask, "findContact", input, async () => {
            const [rows, clinics] = await Promise.all([lookupContacts(ask.ctx, input.name, ask.now), visibleClinics(ask.ctx)]);
            const tz = new Map(clinics.map((c) => [c.id, c.timezone]));
            return minimiseContacts(rows, (id) => tz.get(id) ?? "UTC", minimiseContext(ask));
          }),
      }),
  },
  inventoryStatus: {
    permission: "inventory.read",
    build: (ask: AskToolContext) =>
      tool({
        description: "Supplies at risk: at or below reorder point, or forecast (usage trend and booked appointments) to run out within the given days; and lots expiring within 30 days.",
        inputSchema: z.object({ withinDays: z.number().int().min(1).max(60).default(7), clinicIds: ZClinicIds }),
        execute: (input) =>
          recorded(ask, "inventoryStatus", input, async () => {
            const scope = scopeIds(ask, input.clinicIds);
            const [picture, alerts] = await Promise.all([
              loadInventoryPicture(ask.ctx.db, ask.now, scope),
              findInventoryAlerts(ask.ctx.db, { locationIds: scope, now: ask.now, limit: 20 }),
            ]);
            return minimiseInventory({ items: picture.items, expiringLots: alerts.expiringLots, expiringCount: alerts.expiringCount, withinDays: input.withinDays }, minimiseContext(ask));
          }),
      }),
  },
  syncHealth: {
    permission: "integrations.sync",
    build: (ask: AskToolContext) =>
      tool({
        description: "Whether GoHighLevel is connected and each clinic's sync health: last sync, consecutive failures.",
        inputSchema: z.object({}),
        execute: (input) =>
          recorded(ask, "syncHealth", input, async () => {
            const status = await getIntegrationStatus(ask.ctx.db);
            const visible = status.clinics.filter((c) => ask.ctx.clinicIds === null || ask.ctx.clinicIds.includes(c.id));
            return minimiseSync({ connected: Boolean(status.connection), clinics: visible }, minimiseContext(ask));
          }),
      }),
  },
  queueFindings: {
    permission: "ops.work",
    build: (ask: AskToolContext) =>
      tool({
        description: "Open findings of the needs-attention queue (stock-outs, expiring lots, failing syncs, falling bookings, unconfirmed appointments), most severe first. kind filters by prefix: inventory, sync, clinic, appointments.",
        inputSchema: z.object({ clinicId: ZRecordId.optional(), kind: z.string().trim().max(64).optional() }),
        execute: (input) =>
          recorded(ask, "queueFindings", input, async () => {
            const queue = await listQueue(ask.ctx, ZQueueFilter.parse({ view: "open", clinic: input.clinicId, kind: input.kind }), ask.now);
            return minimiseFindings({ findings: queue.findings.slice(0, 25), total: queue.total, counts: queue.counts }, minimiseContext(ask));
          }),
      }),
  },
} satisfies Record<string, { permission: Permission; build: (ask: AskToolContext) => ToolSet[string] }>;

export type AskToolName = keyof typeof ASK_TOOLS;

/** Requested clinics within the member's scope; null: every clinic of the agency. */
function scopeIds(ask: AskToolContext, requested: string[] | undefined): string[] | null {
  const scope = ask.ctx.clinicIds;
  if (!requested) return scope;
  return scope === null ? requested : requested.filter((id) => scope.includes(id));
}

/** The tools the member's role may use, bound to this question. */
export function buildAskTools(ask: AskToolContext): ToolSet {
  const tools: ToolSet = {};
  for (const [name, spec] of Object.entries(ASK_TOOLS)) {
    if (can(ask.ctx.role, spec.permission as Permission)) tools[name] = spec.build(ask);
  }
  return tools;
}
