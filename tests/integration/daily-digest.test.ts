import { beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { GET } from "@/app/api/cron/daily-digest/route";
import { sendDailyDigests } from "@/lib/ops/digest";
import { runDetectorsForOrg } from "@/lib/ops/runner";
import { prisma, resetDatabase } from "../support/db";
import { EXPECTED_KINDS, seedOneOfEachProblem } from "../support/ops";
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

let agency: SeededAgency;
let quiet: SeededAgency;
const now = new Date();

beforeAll(async () => {
  await resetDatabase();
  agency = await seedAgency("dig");
  quiet = await seedAgency("qui");
  await seedOneOfEachProblem(agency, now);
  await runDetectorsForOrg(agency.organization, now);
  // A snoozed finding waits until its time: it is not in today's digest.
  await prisma.finding.updateMany({
    where: { organizationId: agency.organization.id, kind: "sync.drift" },
    data: { status: "snoozed", snoozedUntil: new Date(now.getTime() + 7 * 86_400_000) },
  });
}, 60_000);

const cron = (secret = env.CRON_SECRET) => GET(new Request("http://localhost/api/cron/daily-digest", { headers: { authorization: `Bearer ${secret}` } }));
const mailsTo = (email: string) => prisma.devMail.findMany({ where: { to: email, subject: { contains: "open" } }, orderBy: { createdAt: "asc" } });
const titlesAt = (locationId: string) =>
  prisma.finding.findMany({ where: { organizationId: agency.organization.id, locationId, status: "open" }, orderBy: [{ severityRank: "asc" }, { priority: "desc" }, { openedAt: "asc" }, { id: "asc" }], select: { title: true } });

describe("daily digest of the queue", () => {
  it("refuses a caller without the cron secret", async () => {
    expect((await cron("not-the-secret-at-all")).status).toBe(401);
    expect(await prisma.devMail.count()).toBe(0);
  });

  it("mails owners and admins every clinic's open findings, ranked and per clinic, with links", async () => {
    const response = await cron();
    // owner, admin and clinic staff of the agency with problems; the quiet agency's three have nothing.
    expect(await response.json()).toMatchObject({ ok: true, sent: 3, nothingToReport: 3, alreadySent: 0, failed: 0 });
    const [mail, ...others] = await mailsTo(agency.owner.user.email);
    expect(others).toHaveLength(0);
    const open = EXPECTED_KINDS.length - 1;
    const critical = await prisma.finding.count({ where: { organizationId: agency.organization.id, status: "open", severity: "critical" } });
    expect(critical).toBeGreaterThan(0);
    expect(mail!.subject).toBe(`Agency DIG: ${open} findings open, ${critical} critical today`);
    const [c1, c2] = agency.clinics;
    const text = mail!.text;
    // Both clinics, the one holding the queue's most urgent finding first.
    const [top] = await prisma.finding.findMany({ where: { organizationId: agency.organization.id, status: "open" }, orderBy: [{ severityRank: "asc" }, { priority: "desc" }, { openedAt: "asc" }, { id: "asc" }], take: 1 });
    const [first, second] = top!.locationId === c1.id ? [c1, c2] : [c2, c1];
    expect(text.indexOf(`${first.name}: `)).toBeGreaterThan(-1);
    expect(text.indexOf(`${first.name}: `)).toBeLessThan(text.indexOf(`${second.name}: `));
    // Within a clinic, the queue's order.
    for (const clinic of [c1, c2]) {
      const titles = (await titlesAt(clinic.id)).map((f) => f.title);
      const positions = titles.map((t) => text.indexOf(t));
      expect(positions.every((p) => p > -1)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    expect(text).not.toContain("records out of step");
    expect(text).toContain(`${env.APP_URL.replace(/\/$/, "")}/agency/${agency.organization.slug}/admin/settings/integrations`);
    expect(text).toContain(`Open the queue: ${new URL(`/agency/${agency.organization.slug}/admin`, env.APP_URL)}`);
    expect(mail!.html).toContain(`/agency/${agency.organization.slug}/admin?clinic=${c1.id}`);
    expect(await mailsTo(agency.admin.user.email)).toHaveLength(1);
    expect(await mailsTo(quiet.owner.user.email)).toHaveLength(0);
  });

  it("mails clinic staff only their own clinic's findings, linked to its Today tab", async () => {
    const [mail] = await mailsTo(agency.staff.user.email);
    const [c1, c2] = agency.clinics;
    const mine = await titlesAt(c1.id);
    expect(mail!.subject).toContain(`${mine.length} findings open`);
    for (const { title } of mine) expect(mail!.text).toContain(title);
    for (const { title } of await titlesAt(c2.id)) expect(mail!.text).not.toContain(title);
    expect(mail!.text).not.toContain(c2.name);
    expect(mail!.text).not.toContain("/admin");
    expect(mail!.text).toContain(`Open your clinic's Today tab: ${new URL(`/agency/${agency.organization.slug}/clinic/${c1.id}`, env.APP_URL)}`);
  });

  it("sends nobody a second digest the same day", async () => {
    expect(await (await cron()).json()).toMatchObject({ sent: 0, alreadySent: 3 });
    expect(await mailsTo(agency.owner.user.email)).toHaveLength(1);
    expect(await prisma.dailyDigest.count({ where: { organizationId: agency.organization.id } })).toBe(3);
  });

  it("retries only the people whose mail failed, on the next run the same day", async () => {
    const nextDay = new Date(now.getTime() + 86_400_000);
    const owner = agency.owner.user.email;
    const admin = agency.admin.user.email;
    const staff = agency.staff.user.email;
    refused.add(owner);
    expect(await sendDailyDigests(nextDay)).toMatchObject({ sent: 2, failed: 1 });
    expect(await mailsTo(owner)).toHaveLength(1);
    expect(await mailsTo(admin)).toHaveLength(2);
    expect(await mailsTo(staff)).toHaveLength(2);

    refused.clear();
    expect(await sendDailyDigests(nextDay)).toMatchObject({ sent: 1, failed: 0, alreadySent: 2 });
    expect(await mailsTo(owner)).toHaveLength(2);
    expect(await mailsTo(admin)).toHaveLength(2);

    expect(await sendDailyDigests(nextDay)).toMatchObject({ sent: 0, alreadySent: 3 });
    expect(await mailsTo(owner)).toHaveLength(2);
  });
});
