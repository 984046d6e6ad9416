import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/db/connection";
import { seedDemoData } from "@/scripts/demo/seed";

/** npm run db:seed — inserts the demo agency; running it again changes nothing. */
const db = new PrismaClient({ adapter: createAdapter() });
seedDemoData(db)
  .then((inserted) => console.log(inserted ? `Seeded ${inserted} rows.` : "Demo data already present: nothing to seed."))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
