import { z } from "zod";
import { AGENCY_ROLES } from "@/lib/auth/permissions";

export const ZId = z.string().trim().min(1, "is required").max(64, "is too long");
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

export const ZInviteMemberInput = z.object({
  email: ZEmail,
  role: z.enum(AGENCY_ROLES, "Choose a role"),
  locationIds: z.array(ZId).max(200).default([]),
});

export const ZChangeRoleInput = z.object({
  memberId: ZId,
  role: z.enum(AGENCY_ROLES, "Choose a role"),
  locationIds: z.array(ZId).max(200).default([]),
});

export const ZMemberInput = z.object({ memberId: ZId });
export const ZInvitationInput = z.object({ invitationId: ZId });

export type TInviteMemberInput = z.input<typeof ZInviteMemberInput>;
export type TChangeRoleInput = z.input<typeof ZChangeRoleInput>;
