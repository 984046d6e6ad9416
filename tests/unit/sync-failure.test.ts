import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { GhlHttpError } from "@/lib/ghl/http";
import { describeSyncFailure } from "@/lib/ghl/sync/failure";

const where = { organizationId: "org_1", locationId: "loc_1" };
const http = (status: number) => new GhlHttpError(status, { message: "internal detail xyz" }, { method: "POST", path: "/contacts/search" });

describe("what a failed sync shows", () => {
  it("keeps messages written for people", () => {
    const failure = describeSyncFailure(new UserError("reconnect", "Reconnect GoHighLevel in Settings."), where);
    expect(failure.shown).toBe("Reconnect GoHighLevel in Settings.");
  });

  it.each([
    [429, /limiting requests/],
    [502, /problem on its side \(HTTP 502\)/],
    [403, /refused access.*installed/],
    [404, /no longer finds this sub-account/],
  ])("says what HTTP %i means without GoHighLevel's own wording", (status, sentence) => {
    const failure = describeSyncFailure(http(status), where);
    expect(failure.shown).toMatch(sentence);
    expect(failure.shown).not.toContain("internal detail");
    expect(failure.recorded).toContain("internal detail xyz");
  });

  it("hides an unexpected error behind a reference it keeps with the detail", () => {
    const failure = describeSyncFailure(new Error('relation "Contact" does not exist'), where);
    expect(failure.shown).not.toContain("relation");
    const reference = /reference ([0-9a-f]{8})/.exec(failure.shown)?.[1];
    expect(reference).toBeDefined();
    expect(failure.recorded).toBe(`${reference}: relation "Contact" does not exist`);
    expect(describeSyncFailure(http(400), where).shown).toMatch(/unexpected error \(reference/);
  });
});
