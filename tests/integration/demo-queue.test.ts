import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { DEMO_AGENCY, DEMO_CLINICS } from "@/scripts/demo/data";
import { DEMO_RECALLED_LOT } from "@/scripts/demo/ops";
import { seedDemoData } from "@/scripts/demo/seed";
import { startLocalGhl } from "@/scripts/dev/ghl";
import { env } from "@/lib/env";
import { runDueSyncs } from "@/lib/ghl/sync/run-due";
import { runDetectorsForOrg } from "@/lib/ops/runner";
import { DEMO_FAILING_CLINIC_ID } from "@/tests/sandboxes/ghl/demo";
import type { GhlSandbox } from "@/tests/sandboxes/ghl";
import { prisma, resetDatabase } from "../support/db";
import { resetGhlTransport } from "../support/ghl";

/**
 * What a newcomer meets: the demo agency seeded and connected to the local GHL sandbox as
 * `npm run dev` and the e2e server do, synced once, the detectors run once. The queue must
 * already show each kind of problem the demo is there to show.
 */
let sandbox: GhlSandbox;
const now = new Date();

beforeAll(async () => {
  await resetDatabase();
  resetGhlTransport();
  await seedDemoData(prisma, now);
  const local = await startLocalGhl({ port: inject("ghlPort"), appUrl: "http://127.0.0.1:9", db: prisma, encryptionKeys: env.SECRETS_ENCRYPTION_KEYS });
  sandbox = local.sandbox;
  await runDueSyncs(new Date(), 50_000);
  await runDetectorsForOrg({ id: DEMO_AGENCY.id, slug: DEMO_AGENCY.slug });
}, 120_000);

afterAll(() => sandbox?.stop());

const open = () => prisma.finding.findMany({ where: { organizationId: DEMO_AGENCY.id, status: "open" }, include: { location: { select: { name: true } } } });

describe("the demo queue after the first sync", () => {
  it("shows the failing clinic's sync, and only that clinic's", async () => {
    const failing = (await open()).filter((f) => f.kind === "sync.failing");
    expect(failing.map((f) => f.locationId)).toEqual([DEMO_FAILING_CLINIC_ID]);
    expect(failing[0]!.reason).toContain("503");
    expect(failing[0]!.action).toMatchObject({ kind: "sync.retry" });
    const others = await prisma.locationSync.findMany({ where: { organizationId: DEMO_AGENCY.id, locationId: { not: DEMO_FAILING_CLINIC_ID } } });
    expect(others.map((s) => s.health)).toEqual(["healthy", "healthy"]);
  });

  it("shows a stockout ahead forecast from the book, expiring lots and the recalled lot in stock", async () => {
    const findings = await open();
    const ahead = findings.filter((f) => f.kind === "inventory.stockout_ahead");
    expect(ahead.length).toBeGreaterThan(0);
    expect(ahead.some((f) => /booked/i.test(f.reason))).toBe(true);
    expect(findings.filter((f) => f.kind === "inventory.lot_expiring").length).toBeGreaterThanOrEqual(DEMO_CLINICS.length);
    const recalled = findings.filter((f) => f.kind === "inventory.lot_recalled");
    expect(recalled).toHaveLength(1);
    expect(recalled[0]!.locationId).toBe("loc_austin");
    expect(recalled[0]!.reason).toContain(DEMO_RECALLED_LOT);
    expect(recalled[0]!.action).toMatchObject({ kind: "inventory.quarantine" });
  });

  it("shows unconfirmed high-value visits of the next 48 hours at every clinic, and past visits never marked", async () => {
    const findings = await open();
    const unconfirmed = findings.filter((f) => f.kind === "appointments.unconfirmed");
    expect(new Set(unconfirmed.map((f) => f.locationId))).toEqual(new Set(DEMO_CLINICS.map((c) => c.id)));
    expect(unconfirmed.some((f) => f.reason.includes("a $450 visit"))).toBe(true);
    expect(findings.filter((f) => f.kind === "appointments.unmarked").length).toBeGreaterThan(0);
  });
});
