import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { INVITATION_DAYS } from "@/lib/auth/auth";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { PlatformContext } from "@/lib/auth/context";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendMail } from "@/lib/mail/send";
import { invitationMail } from "@/lib/mail/templates";
import { ZEmail } from "@/lib/team/schemas";
import { TRIAL_DAYS } from "@/lib/billing/plans";

const RESERVED_SLUGS = new Set(["platform", "admin", "api", "login", "new", "settings", "sidecar"]);

export const ZCreateAgencyInput = z.object({
  name: z.string().trim().min(2, "Name is too short").max(100, "Name is too long"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(3, "Use at least 3 characters")
    .max(48, "Use at most 48 characters")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens")
    .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved"),
  website: z
    .string()
    .trim()
    .max(200)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s) address" }))
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ownerEmail: ZEmail,
});

/**
 * A platform admin creates an agency and invites its owner. The platform admin does not become
 * a member: the invitation is written here rather than by Better Auth, which only lets members invite.
 */
export async function createAgencyWithOwnerInvitation(ctx: PlatformContext, input: z.output<typeof ZCreateAgencyInput>) {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  try {
    const { organization, invitation } = await systemDb("platform.agencies").transaction(async (tx) => {
      const organization = await tx.organization.create({
        data: {
          name: input.name,
          slug: input.slug,
          website: input.website ?? null,
          type: "agency",
          subscriptionStatus: "trialing",
          trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 86_400_000),
        },
      });
      const invitation = await tx.invitation.create({
        data: {
          // The id is the link's secret part: as unguessable as the ones Better Auth generates.
          id: randomBytes(24).toString("base64url"),
          organizationId: organization.id,
          email: input.ownerEmail,
          role: "agency_owner",
          status: "pending",
          expiresAt,
          inviterId: ctx.user.id,
        },
      });
      return { organization, invitation };
    });
    await sendMail(
      invitationMail({
        to: input.ownerEmail,
        organizationName: organization.name,
        roleLabel: ROLE_LABELS.agency_owner,
        inviterName: ctx.user.name,
        link: new URL(`/invite/${invitation.id}`, env.APP_URL).toString(),
        expiresAt,
      }),
    );
    return { organizationId: organization.id, slug: organization.slug, invitationId: invitation.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new UserError("slug_taken", "An agency already uses that address. Choose another.", "slug");
    }
    throw err;
  }
}
