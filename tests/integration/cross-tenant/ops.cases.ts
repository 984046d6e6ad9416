import { prisma } from "@/lib/db/client";
import { runDetectorsForOrg } from "@/lib/ops/runner";
import { seedOneOfEachProblem } from "../../support/ops";
import type { SeededAgency } from "../../support/tenants";
import type { ActionCase, CrossTenantFeature, World } from "./types";

/** Each agency gets one of each problem, run through the detectors; B's findings, services and recalls are what A must not touch. */
async function seedQueue(agency: SeededAgency) {
  const seeded = await seedOneOfEachProblem(agency);
  await runDetectorsForOrg(agency.organization);
  const service = await prisma.service.create({ data: { organizationId: agency.organization.id, name: `Secret drip ${agency.organization.slug.slice(-6)}`, match: "secret drip" } });
  const findings = await prisma.finding.findMany({ where: { organizationId: agency.organization.id }, select: { id: true, kind: true, locationId: true, title: true } });
  return { opsFindings: findings, opsServiceId: service.id, opsServiceName: service.name, opsRecalledLot: seeded.recalled.lot.lotNumber };
}

type Findings = Array<{ id: string; kind: string; locationId: string; title: string }>;
const findingsOf = (w: World, who: "A" | "B") => w.extra[who].opsFindings as Findings;

/** B's finding via B's slug and A's, clinic staff with a finding of A's other clinic, and a stranger. */
function findingAttacks(w: World, key: string, input: (findingId: string) => Record<string, unknown>, kind = "inventory.lot_recalled"): ActionCase[] {
  const call = w.action(key);
  const bFinding = findingsOf(w, "B").find((f) => f.kind === kind)!;
  const aOtherClinic = findingsOf(w, "A").find((f) => f.locationId === w.A.clinics[1].id && f.kind === kind) ?? findingsOf(w, "A").find((f) => f.locationId === w.A.clinics[1].id)!;
  return [
    { who: "ownerA", attempt: "B's finding via B's slug", call: () => call(w.B.organization.slug, input(bFinding.id)) },
    { who: "adminA", attempt: "B's finding via A's slug", call: () => call(w.A.organization.slug, input(bFinding.id)) },
    { who: "staffA", attempt: "a finding of a clinic staff may not see", call: () => call(w.A.organization.slug, input(aOtherClinic.id)), refusals: ["not_found", "forbidden"] },
    { who: "outsider", attempt: "a stranger", call: () => call(w.A.organization.slug, input(findingsOf(w, "A")[0]!.id)), refusals: ["not_found", "unauthenticated"] },
  ];
}

const O = "actions/ops/";

export const ops: CrossTenantFeature = {
  seed: seedQueue,
  secrets: (_agency, extra) => [...(extra.opsFindings as Findings).flatMap((f) => [f.id, f.title]), extra.opsServiceId as string, extra.opsServiceName as string, extra.opsRecalledLot as string],
  snapshot: async (organizationId) => ({
    findings: await prisma.finding.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    events: await prisma.findingEvent.count({ where: { organizationId } }),
    services: await prisma.service.findMany({ where: { organizationId }, orderBy: { id: "asc" }, include: { supplies: true } }),
    recalls: await prisma.lotRecall.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    digests: await prisma.dailyDigest.count({ where: { organizationId } }),
  }),
  actions: {
    [`${O}resolve-finding.ts#resolveFindingAction`]: (w) => findingAttacks(w, `${O}resolve-finding.ts#resolveFindingAction`, (findingId) => ({ findingId, note: "mallory" })),
    [`${O}snooze-finding.ts#snoozeFindingAction`]: (w) => findingAttacks(w, `${O}snooze-finding.ts#snoozeFindingAction`, (findingId) => ({ findingId, until: new Date(Date.now() + 3_600_000) })),
    [`${O}assign-finding.ts#assignFindingAction`]: (w) => [
      ...findingAttacks(w, `${O}assign-finding.ts#assignFindingAction`, (findingId) => ({ findingId, assigneeUserId: null })),
      { who: "ownerA", attempt: "assign A's finding to B's owner", call: () => w.action(`${O}assign-finding.ts#assignFindingAction`)(w.A.organization.slug, { findingId: findingsOf(w, "A")[0]!.id, assigneeUserId: w.B.owner.user.id }), refusals: ["invalid_assignee"] },
    ],
    [`${O}quarantine-lot.ts#quarantineLotAction`]: (w) => findingAttacks(w, `${O}quarantine-lot.ts#quarantineLotAction`, (findingId) => ({ findingId })),
    [`${O}run-detectors.ts#runDetectorsAction`]: (w) => [
      { who: "ownerA", attempt: "run B's detectors via B's slug", call: () => w.action(`${O}run-detectors.ts#runDetectorsAction`)(w.B.organization.slug, {}) },
      { who: "staffA", attempt: "clinic staff run the agency's detectors", call: () => w.action(`${O}run-detectors.ts#runDetectorsAction`)(w.A.organization.slug, {}), refusals: ["forbidden"] },
      { who: "outsider", attempt: "a stranger", call: () => w.action(`${O}run-detectors.ts#runDetectorsAction`)(w.A.organization.slug, {}), refusals: ["not_found", "unauthenticated"] },
    ],
    [`${O}save-service.ts#saveServiceAction`]: (w) => {
      const call = w.action(`${O}save-service.ts#saveServiceAction`);
      const input = { name: "Mallory drip", match: "mallory", supplies: [] };
      return [
        { who: "ownerA", attempt: "edit B's service via B's slug", call: () => call(w.B.organization.slug, { ...input, serviceId: w.extra.B.opsServiceId }) },
        { who: "adminA", attempt: "edit B's service via A's slug", call: () => call(w.A.organization.slug, { ...input, serviceId: w.extra.B.opsServiceId }) },
        { who: "staffA", attempt: "clinic staff edit services", call: () => call(w.A.organization.slug, input), refusals: ["forbidden"] },
      ];
    },
    [`${O}delete-service.ts#deleteServiceAction`]: (w) => {
      const call = w.action(`${O}delete-service.ts#deleteServiceAction`);
      return [
        { who: "ownerA", attempt: "delete B's service via B's slug", call: () => call(w.B.organization.slug, { serviceId: w.extra.B.opsServiceId }) },
        { who: "adminA", attempt: "delete B's service via A's slug", call: () => call(w.A.organization.slug, { serviceId: w.extra.B.opsServiceId }) },
        { who: "staffA", attempt: "clinic staff delete a service", call: () => call(w.A.organization.slug, { serviceId: w.extra.A.opsServiceId }), refusals: ["forbidden"] },
      ];
    },
    [`${O}record-recall.ts#recordRecallAction`]: (w) => {
      const call = w.action(`${O}record-recall.ts#recordRecallAction`);
      return [
        { who: "ownerA", attempt: "recall in B via B's slug", call: () => call(w.B.organization.slug, { lotNumber: "MAL-1", reason: "mallory recall" }) },
        { who: "staffA", attempt: "clinic staff record a recall", call: () => call(w.A.organization.slug, { lotNumber: "MAL-1", reason: "mallory recall" }), refusals: ["forbidden"] },
      ];
    },
  },
  routes: {
    "app/api/cron/ops-detect/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "run every agency's detectors with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/ops-detect", { headers: sessions.ownerA }), statuses: [401] },
      { who: "staffA", attempt: "run the detectors as clinic staff", request: () => new Request("http://localhost:3000/api/cron/ops-detect", { headers: sessions.staffA }), statuses: [401] },
    ],
    "app/api/cron/daily-digest/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "send the digest with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/daily-digest", { headers: sessions.ownerA }), statuses: [401] },
      { who: "staffA", attempt: "send the digest as clinic staff", request: () => new Request("http://localhost:3000/api/cron/daily-digest", { headers: sessions.staffA }), statuses: [401] },
    ],
    "app/agency/[slug]/admin/ops/reorder/export/route.ts": (w) => [
      { who: "ownerA", attempt: "B's reorder via B's slug", request: () => new Request(`http://localhost:3000/agency/${w.B.organization.slug}/admin/ops/reorder/export`, { headers: w.sessions.ownerA }), params: { slug: w.B.organization.slug }, statuses: [404] },
      { who: "ownerA", attempt: "B's clinic via A's slug", request: () => new Request(`http://localhost:3000/agency/${w.A.organization.slug}/admin/ops/reorder/export?clinic=${w.B.clinics[0].id}`, { headers: w.sessions.ownerA }), params: { slug: w.A.organization.slug }, statuses: [404] },
      { who: "staffA", attempt: "clinic staff export the agency's order", request: () => new Request(`http://localhost:3000/agency/${w.A.organization.slug}/admin/ops/reorder/export`, { headers: w.sessions.staffA }), params: { slug: w.A.organization.slug }, statuses: [403, 404] },
      { who: "ownerA", attempt: "A's own order carries nothing of B's", request: () => new Request(`http://localhost:3000/agency/${w.A.organization.slug}/admin/ops/reorder/export`, { headers: w.sessions.ownerA }), params: { slug: w.A.organization.slug }, statuses: [200] },
    ],
  },
};
