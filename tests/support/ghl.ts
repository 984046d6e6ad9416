import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { startGhlSandbox, type GhlSandbox, type GhlSandboxOptions } from "../sandboxes/ghl";
import type { SeedLocationInput } from "../sandboxes/ghl/seed";
import { prisma } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto";
import { sealContext } from "@/lib/ghl/tokens";
import { ghlTransport } from "@/lib/ghl/config";

/** The suite's GHL sandbox: on the port and with the signing key the app was configured with. */
export function startSuiteSandbox(options: GhlSandboxOptions<GhlSandbox> = {}): Promise<GhlSandbox> {
  return startGhlSandbox({ port: inject("ghlPort"), webhookSigningKeyPem: inject("ghlSigningKeyPem"), ...options });
}

/** Stores a Company token for the agency as if its owner had completed the OAuth connect. */
export async function connectAgency(sandbox: GhlSandbox, organizationId: string, companyId = sandbox.companyId) {
  const tokens = sandbox.issueTokens({ userType: "Company", companyId });
  await prisma.ghlConnection.upsert({
    where: { organizationId },
    create: {
      organizationId,
      companyId,
      scopes: tokens.scope,
      accessTokenSealed: sealSecret(tokens.access_token, sealContext(organizationId, "access")),
      refreshTokenSealed: sealSecret(tokens.refresh_token!, sealContext(organizationId, "refresh")),
      accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    },
    update: {
      companyId,
      accessTokenSealed: sealSecret(tokens.access_token, sealContext(organizationId, "access")),
      refreshTokenSealed: sealSecret(tokens.refresh_token!, sealContext(organizationId, "refresh")),
      accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    },
  });
  return tokens;
}

/** A clinic in GHL (the sandbox) and its Location row in Sidecar. */
export async function seedClinic(sandbox: GhlSandbox, organizationId: string, input: Partial<SeedLocationInput> = {}) {
  const id = input.id ?? `ghl-loc-${randomUUID().slice(0, 8)}`;
  const seeded = sandbox.seedLocation({ timezone: "America/Chicago", name: `Clinic ${id}`, ...input, id });
  const location = await prisma.location.create({
    data: { organizationId, ghlLocationId: id, name: seeded.location.name, timezone: seeded.location.timezone },
  });
  return { seeded, location, clinic: { organizationId, locationId: location.id, ghlLocationId: id } };
}

/** Forgets the shared transport, so a test's budget and limits start fresh. */
export function resetGhlTransport() {
  (globalThis as unknown as { sidecarGhlTransport?: ReturnType<typeof ghlTransport> }).sidecarGhlTransport = undefined;
}
