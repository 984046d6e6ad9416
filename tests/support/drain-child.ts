/**
 * A drain in a process of its own, for the test that kills one mid-batch: it applies one batch,
 * says so on stdout before committing, and then waits to be killed.
 * Run with node --import tsx and TSX_TSCONFIG_PATH=tests/bench/tsconfig.json; DATABASE_URL names the suite's database.
 */
import { drainGhlInbox } from "@/lib/ghl/webhook-drain";

await drainGhlInbox({
  beforeCommit: async (_clinic, rows) => {
    process.stdout.write(`in-batch ${rows.length}\n`);
    await new Promise(() => undefined);
  },
});
