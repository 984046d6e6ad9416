import { beforeAll, describe, expect, it } from "vitest";
import { ASK_TOOLS, buildAskTools, type AskToolName } from "@/lib/ai/tools";
import type { AskToolContext } from "@/lib/ai/tools/context";
import { forOrg } from "@/lib/db";
import { prisma, resetDatabase } from "../../support/db";
import { seedOneOfEachProblem } from "../../support/ops";
import { seedAgency, type SeededAgency } from "../../support/tenants";

/**
 * Every Ask Sidecar tool, called as a member of agency A with B's ids (and, as A's clinic staff,
 * with the ids of A's other clinic): nothing of theirs may come back. Tools are discovered from
 * the registry; a tool without cases fails this file.
 */

let A: SeededAgency;
let B: SeededAgency;
let secretsOfB: string[];
let otherClinicOfA: string[];

/** A plain org handle on purpose, for clinic staff too: the tools' own clinic filters are what is tested, without the clinic-scoped handle underneath. */
type Who = "owner" | "staff";
const askAs = (who: Who, question = "Tell me about it"): AskToolContext => ({
  ctx: {
    db: forOrg(A.organization.id),
    clinicIds: who === "owner" ? null : [A.clinics[0].id],
    role: who === "owner" ? "agency_owner" : "clinic_staff",
    user: { id: A[who].user.id } as never,
    organization: { id: A.organization.id, slug: A.organization.slug },
  },
  question,
  now: new Date(),
  calls: [],
});

/** Inputs carrying B's ids or another clinic's, per tool. */
const CASES: Record<AskToolName, (who: Who) => Array<{ input: Record<string, unknown>; question?: string }>> = {
  listClinics: () => [{ input: {} }],
  appointmentStats: () => [
    { input: { from: "2000-01-01", to: "2100-01-01", clinicIds: [B.clinics[0].id, B.clinics[1].id] } },
    { input: { from: "2000-01-01", to: "2100-01-01", clinicIds: [A.clinics[1].id] } },
    { input: { from: "2000-01-01", to: "2100-01-01" } },
  ],
  appointmentsNeedingAttention: () => [{ input: { days: 31, clinicIds: [B.clinics[0].id] } }, { input: { days: 31, clinicIds: [A.clinics[1].id] } }, { input: { days: 31 } }],
  findContact: () => [
    { input: { name: B.contacts[0]!.firstName! }, question: `When is ${B.contacts[0]!.firstName} Patient's next appointment?` },
    { input: { name: A.contacts[1]!.firstName! }, question: `When is ${A.contacts[1]!.firstName} Patient's next appointment?` },
    { input: { name: "Patient" }, question: "Patient" },
  ],
  inventoryStatus: () => [{ input: { withinDays: 60, clinicIds: [B.clinics[0].id, B.clinics[1].id] } }, { input: { withinDays: 60, clinicIds: [A.clinics[1].id] } }, { input: { withinDays: 60 } }],
  syncHealth: () => [{ input: {} }],
  queueFindings: () => [{ input: { clinicId: B.clinics[0].id } }, { input: { clinicId: A.clinics[1].id } }, { input: { kind: "inventory" } }, { input: {} }],
};

beforeAll(async () => {
  await resetDatabase();
  A = await seedAgency("a");
  B = await seedAgency("b");
  await seedOneOfEachProblem(A);
  await seedOneOfEachProblem(B);
  const bRows = await Promise.all([
    prisma.appointment.findMany({ where: { organizationId: B.organization.id }, select: { id: true } }),
    prisma.inventoryItem.findMany({ where: { organizationId: B.organization.id }, select: { id: true } }),
    prisma.inventoryLot.findMany({ where: { organizationId: B.organization.id }, select: { id: true } }),
    prisma.finding.findMany({ where: { organizationId: B.organization.id }, select: { id: true, title: true } }),
  ]);
  secretsOfB = [
    B.organization.id,
    B.organization.slug,
    ...B.clinics.flatMap((c) => [c.id, c.name]),
    ...B.contacts.flatMap((c) => [c.id, c.firstName!, c.email!]),
    ...bRows.flat().flatMap((r) => Object.values(r) as string[]),
  ];
  const aOther = await Promise.all([
    prisma.appointment.findMany({ where: { locationId: A.clinics[1].id }, select: { id: true } }),
    prisma.inventoryItem.findMany({ where: { locationId: A.clinics[1].id }, select: { id: true, name: true } }),
    prisma.finding.findMany({ where: { locationId: A.clinics[1].id }, select: { id: true } }),
  ]);
  otherClinicOfA = [A.clinics[1].id, A.clinics[1].name, A.contacts[1]!.id, A.contacts[1]!.firstName!, ...aOther.flat().flatMap((r) => Object.values(r) as string[])];
});

describe("Ask Sidecar's tools across tenants", () => {
  it("has cases for every tool", () => {
    expect(Object.keys(ASK_TOOLS).filter((name) => !(name in CASES))).toEqual([]);
  });

  for (const who of ["owner", "staff"] as const) {
    it(`return nothing of another agency${who === "staff" ? " or another clinic" : ""} to A's ${who}`, async () => {
      const failures: string[] = [];
      let calls = 0;
      for (const [name, cases] of Object.entries(CASES) as [AskToolName, (w: Who) => Array<{ input: Record<string, unknown>; question?: string }>][]) {
        for (const c of cases(who)) {
          const ask = askAs(who, c.question);
          const tool = buildAskTools(ask)[name];
          if (!tool) continue; // not offered to this role (sync health for clinic staff)
          const output = await tool.execute!(c.input as never, { toolCallId: "t", messages: [] });
          calls += 1;
          const body = JSON.stringify(output);
          if (body.startsWith('{"error"')) failures.push(`${name} ${JSON.stringify(c.input)} failed: ${body}`);
          const forbidden = who === "staff" ? [...secretsOfB, ...otherClinicOfA] : secretsOfB;
          const leaked = forbidden.filter((s) => s.length >= 6 && body.includes(s));
          if (leaked.length) failures.push(`${name} ${JSON.stringify(c.input)} leaked ${leaked.join(", ")}`);
          expect(ask.calls).toHaveLength(1);
        }
      }
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(10);
    });
  }

  it("still answers A's own data (the cases can fail)", async () => {
    const ask = askAs("owner");
    const output = JSON.stringify(await buildAskTools(ask).appointmentStats!.execute!({ from: "2000-01-01", to: "2100-01-01" } as never, { toolCallId: "t", messages: [] }));
    expect(output).toContain(A.clinics[1].id);
    expect(ask.calls[0]!.recordIds).toContain(`clinic:${A.clinics[1].id}`);
  });
});
