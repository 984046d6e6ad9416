import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.message);
}

describe("the raw database client is unreachable from feature code", () => {
  const violations = [
    'import { prisma } from "@/lib/db/client";\nexport const n = () => prisma.contact.count();\n',
    'import { PrismaClient } from "@/lib/generated/prisma/client";\nexport const db = new PrismaClient({} as never);\n',
    'import { prisma } from "../db/client";\nexport const n = () => prisma.contact.count();\n',
    'import { createAdapter } from "@/lib/db/connection";\nexport const a = createAdapter();\n',
    'import pg from "pg";\nexport const pool = new pg.Pool();\n',
  ];

  it.each(violations.map((code) => [code.split("\n")[0], code]))("%s fails lint in feature code, naming the allowed files", async (_label, code) => {
    for (const file of ["lib/billing/customers.ts", "app/api/webhooks/stripe/route.ts", "actions/contacts/x.ts", "components/x.tsx"]) {
      const errors = await errorsFor(code, file);
      expect(errors.join("\n"), file).toMatch(/lib\/db\/\*\*, scripts\/\*\*, prisma\/\*\*, tests\/\*\*/);
      expect(errors.join("\n"), file).toMatch(/lib\/db\/system\.ts/);
    }
  }, 60_000);

  it("is allowed in the database layer and tests, and types stay importable everywhere", async () => {
    // Whatever touches the client is server code, the database layer included (layer-lint.test.ts).
    expect(await errorsFor(`import "server-only";\n${violations[0]!}`, "lib/db/system-extra.ts")).toEqual([]);
    expect(await errorsFor(violations[0]!, "tests/support/x.ts")).toEqual([]);
    expect(await errorsFor('import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";\nexport type X = PrismaClient | Prisma.ModelName;\n', "lib/billing/x.ts")).toEqual([]);
    expect(await errorsFor('import "server-only";\nimport { systemDb } from "@/lib/db/system";\nexport const n = () => systemDb("cron.fan-out").location.count();\n', "lib/billing/x.ts")).toEqual([]);
  }, 60_000);
});
