import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./pglite-extensions";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a PGlite database over the Postgres wire protocol on loopback, so the app reaches it
 * through the same pg driver adapter as a real Postgres. `dataDir` undefined keeps it in memory.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port: number }): Promise<EmbeddedDatabase> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir, { extensions: PGLITE_EXTENSIONS });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const address = server.getServerConn();
  const port = Number(address.split(":").pop());
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
