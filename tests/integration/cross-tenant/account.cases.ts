import { actAs, signInAs } from "../../support/auth";
import type { CrossTenantFeature } from "./types";

export const account: CrossTenantFeature = {
  actions: {
    "actions/account/sign-out-everywhere.ts#signOutEverywhereAction": ({ A, action, sessions }) => [
      // Takes no ids: the only sessions it can end are the caller's own (B's sessions are in the snapshot).
      { who: "outsider", attempt: "end sessions (own only)", call: () => action("actions/account/sign-out-everywhere.ts#signOutEverywhereAction")({}), refusals: ["ok"] },
      {
        who: "staffA",
        attempt: "clinic staff ends sessions (own only, none of the other clinic's people)",
        call: async () => {
          const result = await action("actions/account/sign-out-everywhere.ts#signOutEverywhereAction")({});
          // Their own session ended with the others: sign in again for the cases after this one.
          sessions.staffA = await signInAs(A.staff.user.email);
          actAs(sessions.staffA);
          return result;
        },
        refusals: ["ok"],
      },
    ],
    "actions/invitations/accept-invitation.ts#acceptInvitationAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "accept B's invitation for someone else", call: () => action("actions/invitations/accept-invitation.ts#acceptInvitationAction")({ invitationId: B.invitation.id }), refusals: ["invitation_wrong_account"] },
      { who: "staffA", attempt: "clinic staff accepts a colleague's invitation", call: () => action("actions/invitations/accept-invitation.ts#acceptInvitationAction")({ invitationId: A.invitation.id }), refusals: ["invitation_wrong_account"] },
    ],
    "actions/platform/create-agency.ts#createAgencyAction": ({ action }) => [
      { who: "ownerA", attempt: "agency owner uses a platform action", call: () => action("actions/platform/create-agency.ts#createAgencyAction")({ name: "Evil", slug: "evil-agency", ownerEmail: "evil@example.com" }) },
      { who: "staffA", attempt: "clinic staff uses a platform action", call: () => action("actions/platform/create-agency.ts#createAgencyAction")({ name: "Evil", slug: "evil-agency-2", ownerEmail: "evil2@example.com" }) },
    ],
    "actions/platform/start-impersonation.ts#startImpersonationAction": ({ B, action }) => [
      {
        who: "ownerA",
        attempt: "agency owner looks in as B's owner",
        call: () => action("actions/platform/start-impersonation.ts#startImpersonationAction")({ organizationId: B.organization.id, memberId: B.owner.member.id, reason: "Let me see B's data", minutes: 15 }),
      },
      {
        who: "staffA",
        attempt: "clinic staff looks in as their agency's owner",
        call: () => action("actions/platform/start-impersonation.ts#startImpersonationAction")({ organizationId: B.organization.id, memberId: B.owner.member.id, reason: "Let me see B's data", minutes: 15 }),
      },
    ],
    "actions/platform/end-impersonation.ts#endImpersonationAction": ({ action }) => [
      { who: "ownerA", attempt: "agency owner ends a platform look-in", call: () => action("actions/platform/end-impersonation.ts#endImpersonationAction")({}) },
      { who: "staffA", attempt: "clinic staff ends a platform look-in", call: () => action("actions/platform/end-impersonation.ts#endImpersonationAction")({}) },
    ],
  },
  routes: {
    "app/api/health/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "health carries no tenant data", request: () => new Request("http://localhost:3000/api/health"), statuses: [200] },
      { who: "staffA", attempt: "health carries no clinic data", request: () => new Request("http://localhost:3000/api/health", { headers: sessions.staffA }), statuses: [200] },
    ],
    "app/api/auth/[...all]/route.ts": ({ A, B, sessions }) => [
      {
        who: "ownerA",
        attempt: "read B through the organization plugin",
        request: () =>
          new Request(`http://localhost:3000/api/auth/organization/get-full-organization?organizationSlug=${B.organization.slug}`, { headers: sessions.ownerA }),
        statuses: [404],
      },
      {
        who: "ownerA",
        attempt: "list B's members through the organization plugin",
        request: () =>
          new Request("http://localhost:3000/api/auth/organization/list-members", {
            method: "POST",
            headers: new Headers([...sessions.ownerA, ["content-type", "application/json"], ["origin", "http://localhost:3000"]]),
            body: JSON.stringify({ organizationId: B.organization.id }),
          }),
        statuses: [404],
      },
      // Session reads are not served at all (the idle policy is the only thing that extends a session).
      { who: "ownerA", attempt: "session endpoints are closed", request: () => new Request("http://localhost:3000/api/auth/get-session", { headers: sessions.ownerA }), statuses: [404] },
      {
        who: "staffA",
        attempt: "clinic staff reads their own agency (every clinic's people) through the organization plugin",
        request: () =>
          new Request(`http://localhost:3000/api/auth/organization/get-full-organization?organizationSlug=${A.organization.slug}`, { headers: sessions.staffA }),
        statuses: [404],
      },
    ],
  },
};
