import type { CrossTenantFeature } from "./types";

export const team: CrossTenantFeature = {
  actions: {
    "actions/team/invite-member.ts#inviteMemberAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "invite into B", call: () => action("actions/team/invite-member.ts#inviteMemberAction")(B.organization.slug, { email: "mallory@example.com", role: "agency_admin", locationIds: [] }) },
      { who: "ownerA", attempt: "invite clinic staff to B's clinic", call: () => action("actions/team/invite-member.ts#inviteMemberAction")(A.organization.slug, { email: "mallory2@example.com", role: "clinic_staff", locationIds: [B.clinics[0].id] }) },
      { who: "staffA", attempt: "clinic staff invites", call: () => action("actions/team/invite-member.ts#inviteMemberAction")(A.organization.slug, { email: "mallory3@example.com", role: "agency_admin", locationIds: [] }), refusals: ["forbidden"] },
    ],
    "actions/team/resend-invitation.ts#resendInvitationAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "resend B's invitation via B", call: () => action("actions/team/resend-invitation.ts#resendInvitationAction")(B.organization.slug, { invitationId: B.invitation.id }) },
      { who: "ownerA", attempt: "resend B's invitation via A", call: () => action("actions/team/resend-invitation.ts#resendInvitationAction")(A.organization.slug, { invitationId: B.invitation.id }) },
      { who: "staffA", attempt: "clinic staff resends an invitation", call: () => action("actions/team/resend-invitation.ts#resendInvitationAction")(A.organization.slug, { invitationId: A.invitation.id }), refusals: ["forbidden"] },
    ],
    "actions/team/revoke-invitation.ts#revokeInvitationAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "revoke B's invitation via A", call: () => action("actions/team/revoke-invitation.ts#revokeInvitationAction")(A.organization.slug, { invitationId: B.invitation.id }) },
      { who: "adminA", attempt: "revoke B's invitation via B", call: () => action("actions/team/revoke-invitation.ts#revokeInvitationAction")(B.organization.slug, { invitationId: B.invitation.id }) },
      { who: "staffA", attempt: "clinic staff revokes an invitation", call: () => action("actions/team/revoke-invitation.ts#revokeInvitationAction")(A.organization.slug, { invitationId: A.invitation.id }), refusals: ["forbidden"] },
    ],
    "actions/team/change-member-role.ts#changeMemberRoleAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "demote B's owner via A", call: () => action("actions/team/change-member-role.ts#changeMemberRoleAction")(A.organization.slug, { memberId: B.owner.member.id, role: "clinic_staff", locationIds: [A.clinics[0].id] }) },
      { who: "ownerA", attempt: "promote B's staff via B", call: () => action("actions/team/change-member-role.ts#changeMemberRoleAction")(B.organization.slug, { memberId: B.staff.member.id, role: "agency_owner", locationIds: [] }) },
      { who: "ownerA", attempt: "give A's staff B's clinic", call: () => action("actions/team/change-member-role.ts#changeMemberRoleAction")(A.organization.slug, { memberId: A.staff.member.id, role: "clinic_staff", locationIds: [B.clinics[1].id] }) },
      { who: "staffA", attempt: "clinic staff promotes self", call: () => action("actions/team/change-member-role.ts#changeMemberRoleAction")(A.organization.slug, { memberId: A.staff.member.id, role: "agency_owner", locationIds: [] }), refusals: ["forbidden"] },
    ],
    "actions/team/remove-member.ts#removeMemberAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "remove B's admin via A", call: () => action("actions/team/remove-member.ts#removeMemberAction")(A.organization.slug, { memberId: B.admin.member.id }) },
      { who: "adminA", attempt: "remove B's staff via B", call: () => action("actions/team/remove-member.ts#removeMemberAction")(B.organization.slug, { memberId: B.staff.member.id }) },
      { who: "staffA", attempt: "clinic staff removes the admin", call: () => action("actions/team/remove-member.ts#removeMemberAction")(A.organization.slug, { memberId: A.admin.member.id }), refusals: ["forbidden"] },
    ],
    "actions/settings/update-security.ts#updateSecuritySettingsAction": ({ A, B, action }) => [
      { who: "ownerA", attempt: "change B's idle timeout", call: () => action("actions/settings/update-security.ts#updateSecuritySettingsAction")(B.organization.slug, { idleTimeoutMinutes: 15 }) },
      { who: "adminA", attempt: "admin changes security", call: () => action("actions/settings/update-security.ts#updateSecuritySettingsAction")(A.organization.slug, { idleTimeoutMinutes: 15 }), refusals: ["forbidden"] },
      { who: "staffA", attempt: "clinic staff changes security", call: () => action("actions/settings/update-security.ts#updateSecuritySettingsAction")(A.organization.slug, { idleTimeoutMinutes: 15 }), refusals: ["forbidden"] },
    ],
  },
};
