import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { GhlSandbox } from "../sandboxes/ghl";
import { serveRoute } from "../support/serve-route";

/**
 * The drain scheduled through QStash: the QStash stand-in (tests/sandboxes/qstash) takes the
 * published jobs and delivers them signed to /api/qstash/webhook-drain, which verifies them with
 * @upstash/qstash's Receiver. QStash is configured for this file only, before any app module loads.
 */

const qstash = await vi.hoisted(async () => {
  const { startQstashSandbox } = await import("../sandboxes/qstash");
  const target = { base: "" };
  const sandbox = await startQstashSandbox({ deliverTo: (url) => url.replace(/^https?:\/\/[^/]+/, target.base) });
  Object.assign(process.env, {
    QSTASH_URL: sandbox.url,
    QSTASH_TOKEN: sandbox.token,
    QSTASH_CURRENT_SIGNING_KEY: sandbox.currentSigningKey,
    QSTASH_NEXT_SIGNING_KEY: sandbox.nextSigningKey,
  });
  return Object.assign(sandbox, { target });
});

const { prisma, resetDatabase } = await import("../support/db");
const { seedOrg } = await import("../support/factories");
const { resetGhlTransport, seedClinic, startSuiteSandbox } = await import("../support/ghl");
const { POST: webhook } = await import("@/app/api/webhooks/ghl/route");
const { POST: drainJob } = await import("@/app/api/qstash/webhook-drain/route");
const { GET: drainCron } = await import("@/app/api/cron/webhook-drain/route");
const { env } = await import("@/lib/env");
const { forgetGhlTenants } = await import("@/lib/ghl/webhooks");
const { drainJobUrl } = await import("@/lib/webhooks/qstash");

let ghl: GhlSandbox;
let webhookEndpoint: Awaited<ReturnType<typeof serveRoute>>;
let jobEndpoint: Awaited<ReturnType<typeof serveRoute>>;
let clinic: Awaited<ReturnType<typeof seedClinic>>;

beforeAll(async () => {
  webhookEndpoint = await serveRoute(webhook);
  jobEndpoint = await serveRoute(drainJob);
  qstash.target.base = jobEndpoint.url;
  ghl = await startSuiteSandbox({ webhookTargetUrl: `${webhookEndpoint.url}/api/webhooks/ghl` });
});
afterAll(async () => {
  await ghl.stop();
  await webhookEndpoint.close();
  await jobEndpoint.close();
  await qstash.stop();
  for (const name of ["QSTASH_URL", "QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"]) delete process.env[name];
});

beforeEach(async () => {
  await resetDatabase();
  resetGhlTransport();
  forgetGhlTenants();
  qstash.deliveries.length = 0;
  const org = await seedOrg();
  clinic = await seedClinic(ghl, org.id, { contacts: 5 });
});

const cron = () => drainCron(new Request("http://localhost/api/cron/webhook-drain", { headers: { authorization: `Bearer ${env.CRON_SECRET}` } }));
const job = (body: string, signature: string | null) =>
  drainJob(new Request(drainJobUrl(), { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "upstash-signature": signature } : {}) }, body }));

describe("the drain through QStash", () => {
  it("the cron publishes a job per clinic with events waiting; QStash delivers it signed and the job drains them", async () => {
    const ids = clinic.seeded.contactIds;
    await ghl.sendWebhooks(ids.map((id) => ghl.events.contactCreate(id)));
    expect(await prisma.contact.count()).toBe(0);
    const response = await cron();
    expect(await response.json()).toMatchObject({ ok: true, published: 1 });
    await qstash.idle();
    expect(qstash.deliveries).toEqual([
      expect.objectContaining({ url: drainJobUrl(), statuses: [200], body: JSON.stringify({ organizationId: clinic.location.organizationId, locationId: clinic.location.id }) }),
    ]);
    expect(await prisma.contact.count()).toBe(ids.length);
    expect(await prisma.webhookInbox.count({ where: { status: "done" } })).toBe(ids.length);
    // Nothing left: the cron publishes nothing more.
    expect(await (await cron()).json()).toMatchObject({ published: 0 });
  });

  it("refuses a job that QStash did not sign for this URL and body, and drains nothing", async () => {
    await ghl.sendWebhook(ghl.events.contactCreate(clinic.seeded.contactIds[0]!));
    const body = JSON.stringify({ organizationId: clinic.location.organizationId, locationId: clinic.location.id });
    expect((await job(body, null)).status).toBe(401);
    expect((await job(body, qstash.sign(drainJobUrl(), body, { key: "sig_someone_else" }))).status).toBe(401);
    expect((await job(body, qstash.sign("https://elsewhere.example/api/qstash/webhook-drain", body))).status).toBe(401);
    expect((await job(body, qstash.sign(drainJobUrl(), body.replace("}", ', "x": 1}')))).status).toBe(401);
    expect((await job(body, qstash.sign(drainJobUrl(), body, { expiresInS: -60 }))).status).toBe(401);
    expect(await prisma.contact.count()).toBe(0);
    // Signed with the next key (during a rotation): accepted.
    const accepted = await job(body, qstash.sign(drainJobUrl(), body, { key: qstash.nextSigningKey }));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ applied: 1, more: false });
  });

  it("a signed job naming a clinic of another agency drains nothing", async () => {
    await ghl.sendWebhook(ghl.events.contactCreate(clinic.seeded.contactIds[0]!));
    const other = await seedOrg();
    const body = JSON.stringify({ organizationId: other.id, locationId: clinic.location.id });
    const response = await job(body, qstash.sign(drainJobUrl(), body));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ applied: 0 });
    expect(await prisma.webhookInbox.count({ where: { status: "pending" } })).toBe(1);
    expect(await prisma.contact.count()).toBe(0);
  });

  it("answers 400 to a signed job that is not a drain job", async () => {
    const body = JSON.stringify({ hello: "world" });
    expect((await job(body, qstash.sign(drainJobUrl(), body))).status).toBe(400);
  });
});
