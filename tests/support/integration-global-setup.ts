import { generateKeyPairSync } from "node:crypto";
import net from "node:net";
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databasePoolMax: number;
    ghlPort: number;
    ghlSigningKeyPem: string;
    ghlPublicKeyPem: string;
    calcomPort: number;
    stripePort: number;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One database for the integration run, migrated once; each file truncates what it needs. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase("it");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  const { applyMigrations } = await import("@/lib/db/migrations");
  await applyMigrations(database.url);
  console.log(`integration database: ${database.kind} ${database.url}`);
  project.provide("databaseUrl", database.url);
  project.provide("databasePoolMax", database.poolMax);
  // The GHL sandbox of each test file listens here and signs webhooks with this key, so the
  // app modules can be configured before any of them is imported.
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  project.provide("ghlPort", await freePort());
  project.provide("ghlSigningKeyPem", privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  project.provide("ghlPublicKeyPem", publicKey.export({ type: "spki", format: "pem" }).toString());
  project.provide("calcomPort", await freePort());
  project.provide("stripePort", await freePort());
  return async () => {
    await database.drop();
  };
}
