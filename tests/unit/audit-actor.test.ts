import { describe, expect, it } from "vitest";
import { auditActor, auditActorText } from "@/lib/audit/actor";

const people = [
  { id: "pat", name: "Pat Rivera" },
  { id: "dana", name: "Dana Okafor" },
];

describe("who an audit entry names", () => {
  it("names the member, or says the account is gone, or that the system acted", () => {
    expect(auditActorText({ actorUserId: "dana", impersonatorUserId: null, action: "contacts.update" }, people)).toBe("Dana Okafor");
    expect(auditActorText({ actorUserId: "gone", impersonatorUserId: null, action: "contacts.update" }, people)).toBe("Former user");
    expect(auditActorText({ actorUserId: null, impersonatorUserId: null, action: "sync.run" }, people)).toBe("System");
  });

  it("names the platform admin first, and as whom, while looking in", () => {
    const entry = { actorUserId: "dana", impersonatorUserId: "pat", action: "contacts.update" };
    expect(auditActor(entry, people)).toEqual({ name: "Pat Rivera", platform: "(Sidecar platform) as Dana Okafor" });
    expect(auditActorText(entry, people)).toBe("Pat Rivera (Sidecar platform) as Dana Okafor");
  });

  it("marks the platform's own actions on an agency", () => {
    expect(auditActor({ actorUserId: "pat", impersonatorUserId: null, action: "platform.impersonation.start" }, people)).toEqual({ name: "Pat Rivera", platform: "(Sidecar platform)" });
  });
});
