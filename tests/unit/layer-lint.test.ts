import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.message);
}

describe("layer boundaries", () => {
  const componentViolations = [
    'import "server-only";\nexport const x = 1;\n',
    'import { forOrg } from "@/lib/db";\nexport const x = forOrg;\n',
    'import { systemDb } from "@/lib/db/system";\nexport const x = systemDb;\n',
    'import { allows } from "@/lib/auth/context";\nexport const x = allows;\n',
    'import { requireMemberPage } from "@/lib/entry/page-guards";\nexport const x = requireMemberPage;\n',
    'import { getCurrentSession } from "@/lib/auth/session";\nexport const x = getCurrentSession;\n',
    'import { auth } from "@/lib/auth/auth";\nexport const x = auth;\n',
  ];

  it.each(componentViolations.map((code) => [code.split("\n")[0], code]))("a component may not %s", async (_label, code) => {
    const errors = await errorsFor(code, "components/inventory/x.tsx");
    expect(errors.join("\n")).toMatch(/component|server code/);
  }, 60_000);

  it("a component may import types from server modules and client-safe lib helpers", async () => {
    const code = 'import type { OrgContext } from "@/lib/auth/context";\nimport type { OrgDb } from "@/lib/db";\nimport type { ActionResult } from "@/lib/entry/action";\nimport { can } from "@/lib/auth/permissions";\nexport type X = OrgContext | OrgDb | ActionResult<null>;\nexport const y = can;\n';
    expect(await errorsFor(code, "components/inventory/x.tsx")).toEqual([]);
  }, 60_000);

  const upward = [
    'import { Button } from "@/components/ui/button";\nexport const x = Button;\n',
    'import { createContact } from "@/actions/contacts/create";\nexport const x = createContact;\n',
    'import Page from "@/app/page";\nexport const x = Page;\n',
    'import { startGhlSandbox } from "@/tests/sandboxes/ghl";\nexport const x = startGhlSandbox;\n',
    'import { seedDemoData } from "@/scripts/demo/seed";\nexport const x = seedDemoData;\n',
  ];

  it.each(upward.map((code) => [code.split("\n")[0], code]))("lib may not %s", async (_label, code) => {
    // No folder of lib is an exception, not even the database layer or the CSV writer.
    for (const file of ["lib/contacts/x.ts", "lib/db/x.ts", "lib/csv/x.ts", "lib/dev/x.ts"]) {
      expect((await errorsFor(code, file)).join("\n"), file).toMatch(/layer above lib/);
    }
  }, 60_000);

  it("pages, actions and components may not import dev tooling", async () => {
    const code = 'import { DEMO_USERS } from "@/scripts/demo/data";\nexport const x = DEMO_USERS;\n';
    for (const file of ["app/x/page.tsx", "actions/x/y.ts", "components/x.tsx", "proxy.ts"]) {
      expect((await errorsFor(code, file)).join("\n"), file).toMatch(/dev tooling/);
    }
  }, 60_000);

  it("dev tooling may start the stand-ins in tests/sandboxes", async () => {
    const code = 'import { startGhlSandbox } from "@/tests/sandboxes/ghl";\nexport const x = startGhlSandbox;\n';
    expect(await errorsFor(code, "scripts/dev/x.ts")).toEqual([]);
  }, 60_000);

  it("the raw-client rules still hold inside lib and components", async () => {
    const code = 'import { prisma } from "@/lib/db/client";\nexport const n = () => prisma.contact.count();\n';
    for (const file of ["lib/contacts/x.ts", "components/x.tsx"]) {
      expect((await errorsFor(code, file)).join("\n"), file).toMatch(/raw database client/);
    }
  }, 60_000);
});
