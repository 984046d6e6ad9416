import net from "node:net";
import pg from "pg";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";

/**
 * A database for one test run: a fresh database on the local Postgres (TEST_POSTGRES_URL,
 * default the CI server), or an in-memory PGlite when no Postgres answers. Refuses anything
 * but a loopback server, so a test can never touch a real deployment.
 */
export interface TestDatabase {
  url: string;
  kind: "postgres" | "pglite";
  poolMax: number;
  drop(): Promise<void>;
}

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test";

export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

async function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(1_000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
  if (!reachable) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const server = process.env.TEST_POSTGRES_URL ?? DEFAULT_SERVER;
  assertLocalDatabase(server);
  if (await answers(server)) {
    const name = `sidecar_${label}_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: "postgres",
      poolMax: 10,
      async drop() {
        const client = new pg.Client({ connectionString: server });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ port: 0 });
  return { url: embedded.url, kind: "pglite", poolMax: 1, drop: () => embedded.stop() };
}
