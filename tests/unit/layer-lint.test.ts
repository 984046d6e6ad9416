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

describe("tenant data stays on the server", () => {
  const touchesTheClient = [
    'import { forOrg } from "@/lib/db";\nexport const x = forOrg;\n',
    'import type { OrgDb } from "@/lib/db";\nexport const pass = (db: OrgDb, read: (db: OrgDb) => void) => read(db);\n',
    "export const pass = (ctx: { db: unknown }, read: (db: unknown) => void) => read(ctx.db);\n",
    "export const pass = ({ db }: { db: unknown }, read: (db: unknown) => void) => read(db);\n",
  ];

  it.each(touchesTheClient.map((code) => [code.split("\n")[0], code]))("a file that touches the org-scoped client imports server-only: %s", async (_label, code) => {
    for (const file of ["lib/contacts/x.ts", "lib/db/x.ts", "app/agency/x/page.tsx", "actions/contacts/x.ts"]) {
      expect((await errorsFor(code, file)).join("\n"), file).toMatch(/import "server-only"/);
      expect(await errorsFor(`import "server-only";\n${code}`, file), file).toEqual([]);
    }
  }, 60_000);

  it("leaves files that do not touch the client alone, and tooling outside Next.js", async () => {
    expect(await errorsFor('import { z } from "zod";\nexport const Z = z.string();\n', "lib/contacts/x.ts")).toEqual([]);
    expect(await errorsFor(touchesTheClient[0]!, "scripts/demo/x.ts")).toEqual([]);
    expect(await errorsFor(touchesTheClient[0]!, "tests/support/x.ts")).toEqual([]);
  }, 60_000);

  it("a component imports values only from client-safe modules", async () => {
    const serverModule = 'import { listContacts } from "@/lib/contacts/list";\nexport const x = listContacts;\n';
    expect((await errorsFor(serverModule, "components/contacts/x.tsx")).join("\n")).toMatch(/@\/lib\/contacts\/list is server-only/);
    expect(await errorsFor('import type { listContacts } from "@/lib/contacts/list";\nexport type X = typeof listContacts;\n', "components/contacts/x.tsx")).toEqual([]);
    expect(await errorsFor('import { type listContacts } from "@/lib/contacts/list";\nexport type X = typeof listContacts;\n', "components/contacts/x.tsx")).toEqual([]);
    // Server actions reach the client as references, never as code.
    expect(await errorsFor('import { createContactAction } from "@/actions/contacts/create-contact";\nexport const x = createContactAction;\n', "components/contacts/x.tsx")).toEqual([]);
    expect(await errorsFor('import { contactName } from "@/lib/contacts/names";\nimport { CONTACT_SORTS } from "@/lib/contacts/filters";\nexport const x = [contactName, CONTACT_SORTS];\n', "components/contacts/x.tsx")).toEqual([]);
  }, 60_000);
});

describe("pages call lib data functions", () => {
  const inline = [
    'export async function f(ctx: { db: { location: { findMany(): Promise<unknown> } } }) { return ctx.db.location.findMany(); }\n',
    'export async function f(db: { contact: { count(): Promise<number> } }) { return db.contact.count(); }\n',
    'import { systemDb } from "@/lib/db/system";\nexport const f = () => systemDb("mail.dev-mailbox");\n',
  ];

  it.each(inline.map((code) => [code.split("\n")[0], code]))("a page may not query itself: %s", async (_label, code) => {
    for (const file of ["app/agency/x/page.tsx", "app/api/x/route.ts"]) {
      expect((await errorsFor(`import "server-only";\n${code}`, file)).join("\n"), file).toMatch(/lib (data )?function/);
    }
  }, 60_000);

  it("a page may hand the handle to a lib function", async () => {
    const code = 'import "server-only";\nimport { visibleClinics } from "@/lib/clinic/clinics";\nexport const f = (ctx: Parameters<typeof visibleClinics>[0]) => visibleClinics(ctx);\n';
    expect(await errorsFor(code, "app/agency/x/page.tsx")).toEqual([]);
  }, 60_000);
});
