import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { scopeArgs, TenantScopeError } from "@/lib/db/org-client";
import { TENANT_MODELS } from "@/lib/db/tenant-models";

const ORG = "org_a";

describe("scopeArgs", () => {
  it("adds organizationId to reads", () => {
    expect(scopeArgs("findMany", { where: { locationId: "l1" } }, ORG)).toEqual({ where: { locationId: "l1", organizationId: ORG } });
    expect(scopeArgs("findMany", undefined, ORG)).toEqual({ where: { organizationId: ORG } });
    expect(scopeArgs("count", {}, ORG)).toEqual({ where: { organizationId: ORG } });
    expect(scopeArgs("findUnique", { where: { id: "x" } }, ORG)).toEqual({ where: { id: "x", organizationId: ORG } });
  });

  it("overrides an organizationId the caller passed in a filter", () => {
    expect(scopeArgs("findFirst", { where: { id: "x", organizationId: "org_b" } }, ORG)).toEqual({
      where: { id: "x", organizationId: ORG },
    });
  });

  it("stamps creates with the organization and refuses another one", () => {
    expect(scopeArgs("create", { data: { name: "n" } }, ORG)).toEqual({ data: { name: "n", organizationId: ORG } });
    expect(scopeArgs("createMany", { data: [{ a: 1 }, { a: 2 }] }, ORG)).toEqual({
      data: [
        { a: 1, organizationId: ORG },
        { a: 2, organizationId: ORG },
      ],
    });
    expect(() => scopeArgs("create", { data: { organizationId: "org_b" } }, ORG)).toThrow(TenantScopeError);
  });

  it("scopes upserts on both sides and forbids moving a row to another tenant", () => {
    expect(scopeArgs("upsert", { where: { id: "x" }, create: { n: 1 }, update: { n: 2 } }, ORG)).toEqual({
      where: { id: "x", organizationId: ORG },
      create: { n: 1, organizationId: ORG },
      update: { n: 2 },
    });
    expect(() => scopeArgs("update", { where: { id: "x" }, data: { organizationId: "org_b" } }, ORG)).toThrow(
      "organizationId cannot be changed",
    );
  });

  it("refuses filters that would silently widen", () => {
    expect(() => scopeArgs("findFirst", { where: { id: undefined } }, ORG)).toThrow(TenantScopeError);
    expect(() => scopeArgs("deleteMany", { where: {} }, ORG)).toThrow(/needs a filter/);
    expect(() => scopeArgs("updateMany", { data: { n: 1 } }, ORG)).toThrow(/needs a filter/);
    expect(scopeArgs("deleteMany", { where: { locationId: "l" } }, ORG)).toEqual({ where: { locationId: "l", organizationId: ORG } });
  });
});

describe("TENANT_MODELS", () => {
  it("lists exactly the models that carry organizationId", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
      .filter(([, , body]) => /^\s+organizationId\s/m.test(body ?? ""))
      .map(([, name]) => name)
      .sort();
    expect(models.length).toBeGreaterThan(3);
    expect([...TENANT_MODELS].sort()).toEqual(models);
  });
});
