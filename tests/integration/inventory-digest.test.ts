import { beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { GET } from "@/app/api/cron/inventory-digest/route";
import { sendInventoryDigests } from "@/lib/inventory/digest";
import { prisma, resetDatabase } from "../support/db";
import { seedInventoryItem } from "../support/inventory";
import { seedAgency, type SeededAgency } from "../support/tenants";

// Addresses whose mail provider refuses the next message, the way an SMTP server answers 550.
const refused = vi.hoisted(() => new Set<string>());
vi.mock("@/lib/mail/send", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/mail/send")>();
  return {
    ...original,
    sendMail: async (message: { to: string }) => {
      if (refused.has(message.to)) throw new Error(`550 mailbox unavailable: ${message.to}`);
      return original.sendMail(message as Parameters<typeof original.sendMail>[0]);
    },
  };
});

let withAlerts: SeededAgency;
let quiet: SeededAgency;

beforeAll(async () => {
  await resetDatabase();
  withAlerts = await seedAgency("dig");
  quiet = await seedAgency("qui");
  await seedInventoryItem(withAlerts.clinics[0], { onHand: 2, reorderPoint: 5, name: "Normal saline 1L" });
  await seedInventoryItem(withAlerts.clinics[1], { onHand: 30, lotNumber: "EXP-7", expiresOn: new Date(Date.now() + 10 * 86_400_000), name: "NAD+ vial" });
  await seedInventoryItem(quiet.clinics[0], { onHand: 30, reorderPoint: 5 });
});

const cron = (secret = env.CRON_SECRET) => GET(new Request("http://localhost/api/cron/inventory-digest", { headers: { authorization: `Bearer ${secret}` } }));
const mailsTo = (email: string) => prisma.devMail.findMany({ where: { to: email, subject: { contains: "supplies" } } });

describe("daily inventory digest", () => {
  it("refuses a caller without the cron secret", async () => {
    expect((await cron("not-the-secret-at-all")).status).toBe(401);
    expect(await prisma.devMail.count()).toBe(0);
  });

  it("mails owners and admins once per day, never clinic staff or agencies with nothing to report", async () => {
    const first = await cron();
    expect(await first.json()).toMatchObject({ ok: true, sent: 1, nothingToReport: 1, alreadySent: 0, failed: 0 });
    const [ownerMail] = await mailsTo(withAlerts.owner.user.email);
    expect(ownerMail?.subject).toBe("Agency DIG supplies: 1 low, 1 expiring soon");
    expect(ownerMail?.text).toContain("Normal saline 1L at Clinic dig1: 2 bags left (reorder at 5)");
    expect(ownerMail?.text).toContain("Lot EXP-7 of NAD+ vial at Clinic dig2: 30 bags, expires");
    expect(await mailsTo(withAlerts.admin.user.email)).toHaveLength(1);
    expect(await mailsTo(withAlerts.staff.user.email)).toHaveLength(0);
    expect(await mailsTo(quiet.owner.user.email)).toHaveLength(0);

    expect(await (await cron()).json()).toMatchObject({ sent: 0, alreadySent: 1 });
    expect(await mailsTo(withAlerts.owner.user.email)).toHaveLength(1);
  });

  it("retries only the recipients whose mail failed, on the next run the same day", async () => {
    const nextDay = new Date(Date.now() + 86_400_000);
    const owner = withAlerts.owner.user.email;
    const admin = withAlerts.admin.user.email;
    const before = { owner: (await mailsTo(owner)).length, admin: (await mailsTo(admin)).length };

    refused.add(owner);
    expect(await sendInventoryDigests(nextDay)).toMatchObject({ sent: 0, failed: 1 });
    expect(await mailsTo(owner)).toHaveLength(before.owner);
    expect(await mailsTo(admin)).toHaveLength(before.admin + 1);

    refused.clear();
    expect(await sendInventoryDigests(nextDay)).toMatchObject({ sent: 1, failed: 0, alreadySent: 0 });
    expect(await mailsTo(owner)).toHaveLength(before.owner + 1);
    expect(await mailsTo(admin)).toHaveLength(before.admin + 1);

    expect(await sendInventoryDigests(nextDay)).toMatchObject({ sent: 0, alreadySent: 1 });
    expect(await mailsTo(owner)).toHaveLength(before.owner + 1);
  });
});
