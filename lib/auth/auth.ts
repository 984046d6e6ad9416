import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { emailOTP, organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { systemDb } from "@/lib/db/system";
import { env } from "@/lib/env";
import { checkRateLimit, RATE_LIMITS, type RateLimitPolicy } from "@/lib/ratelimit";
import { clientIpConfig, clientIpFrom } from "@/lib/ratelimit/client-ip";
import { sendMail } from "@/lib/mail/send";
import { invitationMail, signInCodeMail } from "@/lib/mail/templates";
import { assignInvitedClinics, hasPendingInvitation } from "@/lib/auth/invitations";
import { AGENCY_ROLES, ROLE_LABELS, betterAuthStatements, type AgencyRole, type Role } from "@/lib/auth/permissions";
import { trustedOriginsFor } from "@/lib/auth/origins";

const CODE_MINUTES = 10;
export const INVITATION_DAYS = 7;
/** Absolute session lifetime; the per-agency idle timeout (lib/auth/session.ts) usually ends it first. */
const SESSION_DAYS = 7;

// Better Auth's organization plugin enforces its own checks on invitations and role changes;
// its roles are derived from the role matrix in lib/auth/permissions.ts.
const ac = createAccessControl(defaultStatements);
const roles = Object.fromEntries(
  ([...AGENCY_ROLES, "platform_admin"] as const).map((role) => [role, ac.newRole(betterAuthStatements(role))]),
) as Record<Role, ReturnType<typeof ac.newRole>>;

async function limited(policy: RateLimitPolicy, id: string | null | undefined) {
  if (!id) return;
  const result = await checkRateLimit(policy, id.toLowerCase());
  if (!result.allowed) {
    throw new APIError("TOO_MANY_REQUESTS", {
      message: `Too many attempts. Try again in ${Math.max(1, Math.ceil(result.resetMs / 60_000))} minute(s).`,
    });
  }
}

export const auth = betterAuth({
  appName: "Sidecar",
  baseURL: env.APP_URL,
  trustedOrigins: trustedOriginsFor(env.APP_URL, env.NODE_ENV),
  secret: env.BETTER_AUTH_SECRET,
  database: prismaAdapter(systemDb("auth.adapter"), { provider: "postgresql" }),
  emailAndPassword: { enabled: false },
  socialProviders:
    env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
      ? { github: { clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET } }
      : {},
  session: {
    // The absolute lifetime: with refresh off, expiresAt stays where sign-in set it.
    expiresIn: SESSION_DAYS * 24 * 3600,
    // Better Auth never extends a session, on any endpoint: activity is recorded only by
    // Sidecar's idle policy (lib/auth/session.ts), which writes updatedAt and nothing else.
    disableSessionRefresh: true,
  },
  // Sidecar's own limiter (one store for all limits) replaces the built-in one.
  rateLimit: { enabled: false },
  advanced: {
    cookiePrefix: "sidecar",
    useSecureCookies: env.APP_URL.startsWith("https://"),
    // The address recorded on a session comes from the trusted proxy hop (see session.create below).
    ipAddress: { ipAddressHeaders: [clientIpConfig().header] },
  },
  telemetry: { enabled: false },
  databaseHooks: {
    session: {
      create: {
        async before(session, ctx) {
          const headers = ctx?.request?.headers ?? ctx?.headers;
          return { data: { ...session, ipAddress: headers ? clientIpFrom(headers) : null } };
        },
      },
    },
    user: {
      create: {
        // Accounts exist only for invited people: an unknown address gets no account, even
        // through GitHub.
        async before(user) {
          if (!(await hasPendingInvitation(user.email))) {
            throw new APIError("FORBIDDEN", { message: "There is no invitation for this email address." });
          }
        },
      },
    },
  },
  hooks: {
    before: createAuthMiddleware(async (ctx) => {
      // The trusted proxy's hop, never the first X-Forwarded-For value, which anyone can set.
      const ip = ctx.request ? clientIpFrom(ctx.request.headers) : null;
      const email = typeof ctx.body?.email === "string" ? ctx.body.email : null;
      if (ctx.path === "/email-otp/send-verification-otp") {
        await limited(RATE_LIMITS.codeRequestsPerEmail, email);
        await limited(RATE_LIMITS.codeRequestsPerIp, ip);
      } else if (ctx.path === "/sign-in/email-otp") {
        await limited(RATE_LIMITS.codeAttemptsPerEmail, email);
        await limited(RATE_LIMITS.codeAttemptsPerIp, ip);
      } else if (ctx.request) {
        await limited(RATE_LIMITS.authRequestsPerIp, ip);
      }
    }),
  },
  plugins: [
    emailOTP({
      otpLength: 6,
      expiresIn: CODE_MINUTES * 60,
      allowedAttempts: 5,
      storeOTP: "hashed",
      async sendVerificationOTP({ email, otp, type }) {
        if (type !== "sign-in") return;
        // The answer is the same either way, so the form cannot be used to probe who has an
        // account; only known or invited addresses actually receive a code.
        const known = (await systemDb("auth.adapter").user.count({ where: { email: email.toLowerCase() } })) > 0;
        if (!known && !(await hasPendingInvitation(email))) return;
        await sendMail(signInCodeMail(email, otp, CODE_MINUTES));
      },
    }),
    organization({
      ac,
      roles,
      creatorRole: "agency_owner",
      allowUserToCreateOrganization: false,
      invitationExpiresIn: INVITATION_DAYS * 24 * 3600,
      schema: {
        invitation: { additionalFields: { locationIds: { type: "string[]", required: false, input: true } } },
      },
      async sendInvitationEmail({ id, email, role, organization: org, inviter, invitation }) {
        await sendMail(
          invitationMail({
            to: email,
            organizationName: org.name,
            roleLabel: ROLE_LABELS[role as AgencyRole],
            inviterName: inviter.user.name,
            link: new URL(`/invite/${id}`, env.APP_URL).toString(),
            expiresAt: new Date(invitation.expiresAt),
          }),
        );
      },
      organizationHooks: {
        async afterAcceptInvitation({ invitation, member }) {
          await assignInvitedClinics(invitation.id, member.id, member.organizationId);
        },
      },
    }),
    nextCookies(),
  ],
});

export type Auth = typeof auth;
