import { generateKeyPairSync } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY } from "@/scripts/demo/data";
import { encryptSecret, parseKeyring } from "@/lib/crypto/secrets";
import { sealContext } from "@/lib/ghl/seal-context";
import { startGhlSandbox, type GhlSandbox } from "@/tests/sandboxes/ghl";
import { DEMO_GHL_COMPANY_ID, DEMO_NEW_SUBACCOUNT, failDemoClinicSync, seedDemoAgency } from "@/tests/sandboxes/ghl/demo";

/**
 * GoHighLevel for local runs without credentials: the sandbox on loopback holding the demo
 * agency's clinics, the demo agency connected to it, and webhooks sent to the app. Returns the
 * variables that point the app at it.
 */
export async function startLocalGhl(options: { port: number; appUrl: string; db: PrismaClient; encryptionKeys: string }) {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const sandbox: GhlSandbox = await startGhlSandbox({
    port: options.port,
    webhookSigningKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    autoWebhooks: new URL("/api/webhooks/ghl", options.appUrl).toString(),
    log: () => undefined,
  });
  const demo = await options.db.organization.findUnique({ where: { id: DEMO_AGENCY.id } });
  if (demo) {
    seedDemoAgency(sandbox, { now: demo.createdAt });
    // One clinic's GHL calendar is down, so the queue has a failing sync to show from the first tick.
    failDemoClinicSync(sandbox);
    const tokens = sandbox.issueTokens({ userType: "Company", companyId: DEMO_GHL_COMPANY_ID });
    const keyring = parseKeyring(options.encryptionKeys);
    const sealed = {
      companyId: DEMO_GHL_COMPANY_ID,
      scopes: tokens.scope,
      accessTokenSealed: encryptSecret(tokens.access_token, sealContext(demo.id, "access"), keyring),
      refreshTokenSealed: encryptSecret(tokens.refresh_token!, sealContext(demo.id, "refresh"), keyring),
      accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
      // The Tampa sub-account just installed the app in GHL (an INSTALL webhook would say so): ready to add.
      newlyInstalledLocationIds: [DEMO_NEW_SUBACCOUNT.id],
    };
    await options.db.ghlConnection.upsert({ where: { organizationId: demo.id }, create: { organizationId: demo.id, ...sealed }, update: sealed });
    // The sandbox forgets its tokens when it stops: location tokens from a previous run are dead.
    await options.db.locationSync.updateMany({ where: { organizationId: demo.id }, data: { accessTokenSealed: null, accessTokenExpiresAt: null } });
  }
  const url = sandbox.url;
  return {
    sandbox,
    env: {
      GHL_API_BASE_URL: url,
      GHL_AUTHORIZE_URL: `${url}/v2/oauth/chooselocation`,
      GHL_CLIENT_ID: sandbox.clientId,
      GHL_CLIENT_SECRET: sandbox.clientSecret,
      GHL_APP_ID: sandbox.appId,
      GHL_APP_VERSION_ID: sandbox.versionId,
      GHL_WEBHOOK_PUBLIC_KEYS: publicKey.export({ type: "spki", format: "pem" }).toString(),
    },
  };
}
