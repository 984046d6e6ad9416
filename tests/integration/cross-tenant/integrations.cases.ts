import { prisma } from "@/lib/db/client";
import type { GhlSandbox } from "../../sandboxes/ghl";
import { connectAgency, startSuiteSandbox } from "../../support/ghl";
import type { CrossTenantFeature } from "./types";

let sandbox: GhlSandbox | undefined;

/**
 * Each agency is connected to its own GHL company in the sandbox, whose sub-accounts are the
 * agency's clinics; B also has a pending connect of its own.
 */
export const integrations: CrossTenantFeature = {
  async seed(agency) {
    sandbox ??= await startSuiteSandbox();
    const organizationId = agency.organization.id;
    const companyId = `company-${agency.organization.slug}`;
    sandbox.seedCompany({ id: companyId });
    for (const clinic of agency.clinics) sandbox.seedLocation({ id: clinic.ghlLocationId, companyId, name: clinic.name, contacts: 2 });
    await connectAgency(sandbox, organizationId, companyId);
    const state = await prisma.oAuthState.create({
      data: { id: `nonce-${organizationId}`, organizationId, userId: agency.owner.user.id, provider: "ghl", expiresAt: new Date(Date.now() + 600_000) },
    });
    return { oauthNonce: state.id, companyId };
  },
  async teardown() {
    await sandbox?.stop();
  },
  secrets: (_agency, extra) => [String(extra.companyId)],
  snapshot: async (organizationId) => ({
    connection: await prisma.ghlConnection.findUnique({ where: { organizationId } }),
    states: await prisma.oAuthState.findMany({ where: { organizationId } }),
    syncs: await prisma.locationSync.findMany({ where: { organizationId } }),
    runs: await prisma.syncRun.count({ where: { organizationId } }),
  }),
  actions: {
    "actions/integrations/start-ghl-connect.ts#startGhlConnectAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "start a connect for B", call: () => action("actions/integrations/start-ghl-connect.ts#startGhlConnectAction")(B.organization.slug, {}) },
      { who: "adminA", attempt: "admin starts a connect", call: () => action("actions/integrations/start-ghl-connect.ts#startGhlConnectAction")(B.organization.slug, {}) },
      { who: "staffA", attempt: "clinic staff starts a connect", call: () => action("actions/integrations/start-ghl-connect.ts#startGhlConnectAction")(A.organization.slug, {}), refusals: ["forbidden"] },
    ],
    "actions/integrations/finish-ghl-connect.ts#finishGhlConnectAction": ({ A, B, action }) => [
      // A Marketplace install is attached only to an agency the person owns.
      { who: "ownerA", attempt: "finish a Marketplace install into B", call: () => action("actions/integrations/finish-ghl-connect.ts#finishGhlConnectAction")(B.organization.slug, {}) },
      { who: "adminA", attempt: "admin finishes a Marketplace install", call: () => action("actions/integrations/finish-ghl-connect.ts#finishGhlConnectAction")(A.organization.slug, {}), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff finishes a Marketplace install", call: () => action("actions/integrations/finish-ghl-connect.ts#finishGhlConnectAction")(A.organization.slug, {}), refusals: ["forbidden"] },
    ],
    "actions/integrations/add-clinics.ts#addClinicsAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "add clinics to B", call: () => action("actions/integrations/add-clinics.ts#addClinicsAction")(B.organization.slug, { ghlLocationIds: ["x"] }) },
      // Not among the sub-accounts of A's own GHL company.
      { who: "ownerA", attempt: "claim B's sub-account", call: () => action("actions/integrations/add-clinics.ts#addClinicsAction")(A.organization.slug, { ghlLocationIds: [B.clinics[0].ghlLocationId] }) },
      { who: "adminA", attempt: "admin adds clinics", call: () => action("actions/integrations/add-clinics.ts#addClinicsAction")(A.organization.slug, { ghlLocationIds: ["x"] }), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff re-adds the other clinic", call: () => action("actions/integrations/add-clinics.ts#addClinicsAction")(A.organization.slug, { ghlLocationIds: [A.clinics[1].ghlLocationId] }), refusals: ["forbidden"] },
    ],
    "actions/integrations/disconnect-ghl.ts#disconnectGhlAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "disconnect B", call: () => action("actions/integrations/disconnect-ghl.ts#disconnectGhlAction")(B.organization.slug, {}) },
      { who: "staffA", attempt: "clinic staff disconnects", call: () => action("actions/integrations/disconnect-ghl.ts#disconnectGhlAction")(A.organization.slug, {}), refusals: ["forbidden"] },
    ],
    "actions/integrations/sync-now.ts#syncNowAction": ({ A, B, action }) => [
      { who: "adminA", attempt: "sync B's clinic via B", call: () => action("actions/integrations/sync-now.ts#syncNowAction")(B.organization.slug, { locationId: B.clinics[0].id }) },
      { who: "adminA", attempt: "sync B's clinic via A", call: () => action("actions/integrations/sync-now.ts#syncNowAction")(A.organization.slug, { locationId: B.clinics[0].id }) },
      { who: "staffA", attempt: "clinic staff syncs", call: () => action("actions/integrations/sync-now.ts#syncNowAction")(A.organization.slug, { locationId: A.clinics[0].id }), refusals: ["forbidden"] },
    ],
  },
  routes: {
    "app/api/integrations/ghl/callback/route.ts": ({ extra, sessions }) => [
      {
        who: "ownerA",
        attempt: "complete B's pending connect with A's session",
        request: () =>
          new Request(`http://localhost:3000/api/integrations/ghl/callback?code=stolen&state=${extra.B.oauthNonce}.whatever`, { headers: sessions.ownerA }),
        statuses: [303],
      },
      {
        who: "staffA",
        attempt: "clinic staff completes the agency's pending connect",
        request: () =>
          new Request(`http://localhost:3000/api/integrations/ghl/callback?code=stolen&state=${extra.A.oauthNonce}.whatever`, { headers: sessions.staffA }),
        statuses: [303],
      },
    ],
    "app/api/webhooks/ghl/route.ts": ({ A, B, extra }) => [
      {
        who: "outsider",
        attempt: "unsigned event for B's clinic",
        request: () =>
          new Request("http://localhost:3000/api/webhooks/ghl", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "ContactDelete", locationId: B.clinics[0].ghlLocationId, id: B.contacts[0]!.ghlContactId, webhookId: "w1", timestamp: new Date().toISOString() }),
          }),
        statuses: [401],
      },
      {
        who: "staffA",
        attempt: "unsigned event deleting the other clinic's contact",
        request: () =>
          new Request("http://localhost:3000/api/webhooks/ghl", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "ContactDelete", locationId: A.clinics[1].ghlLocationId, id: A.contacts[1]!.ghlContactId, webhookId: "w2", timestamp: new Date().toISOString() }),
          }),
        statuses: [401],
      },
      {
        who: "outsider",
        attempt: "unsigned UNINSTALL of B's whole GHL company",
        request: () =>
          new Request("http://localhost:3000/api/webhooks/ghl", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "UNINSTALL", appId: "sandbox-app-id", companyId: extra.B.companyId, webhookId: "w-uninstall", timestamp: new Date().toISOString() }),
          }),
        statuses: [401],
      },
      {
        who: "staffA",
        attempt: "unsigned UNINSTALL of the other clinic's sub-account",
        request: () =>
          new Request("http://localhost:3000/api/webhooks/ghl", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ type: "UNINSTALL", appId: "sandbox-app-id", locationId: A.clinics[1].ghlLocationId, webhookId: "w-uninstall-2", timestamp: new Date().toISOString() }),
          }),
        statuses: [401],
      },
    ],
    "app/api/cron/ghl-sync/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "run the sync with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/ghl-sync", { headers: sessions.ownerA }), statuses: [401] },
      { who: "staffA", attempt: "run the sync as clinic staff", request: () => new Request("http://localhost:3000/api/cron/ghl-sync", { headers: sessions.staffA }), statuses: [401] },
    ],
    "app/api/cron/webhook-drain/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "drain the webhook inbox with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/webhook-drain", { headers: sessions.ownerA }), statuses: [401] },
      { who: "outsider", attempt: "drain the webhook inbox without the cron secret", request: () => new Request("http://localhost:3000/api/cron/webhook-drain"), statuses: [401] },
      { who: "staffA", attempt: "drain the webhook inbox as clinic staff", request: () => new Request("http://localhost:3000/api/cron/webhook-drain", { headers: sessions.staffA }), statuses: [401] },
    ],
    "app/api/qstash/webhook-drain/route.ts": ({ A, B, sessions }) => [
      {
        who: "ownerA",
        attempt: "drain B's clinic as a QStash job, with a session and no signature",
        request: () =>
          new Request("http://localhost:3000/api/qstash/webhook-drain", {
            method: "POST",
            headers: new Headers([...sessions.ownerA.entries(), ["content-type", "application/json"]]),
            body: JSON.stringify({ organizationId: A.organization.id, locationId: B.clinics[0].id }),
          }),
        statuses: [401],
      },
      {
        who: "staffA",
        attempt: "drain the other clinic as a QStash job, as clinic staff with no signature",
        request: () =>
          new Request("http://localhost:3000/api/qstash/webhook-drain", {
            method: "POST",
            headers: new Headers([...sessions.staffA.entries(), ["content-type", "application/json"]]),
            body: JSON.stringify({ organizationId: A.organization.id, locationId: A.clinics[1].id }),
          }),
        statuses: [401],
      },
    ],
    "app/api/cron/ghl-reconcile/route.ts": ({ sessions }) => [
      { who: "outsider", attempt: "run the reconciliation without the cron secret", request: () => new Request("http://localhost:3000/api/cron/ghl-reconcile"), statuses: [401] },
      { who: "staffA", attempt: "run the reconciliation as clinic staff", request: () => new Request("http://localhost:3000/api/cron/ghl-reconcile", { headers: sessions.staffA }), statuses: [401] },
    ],
  },
};
