export interface RateLimitPolicy {
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** Every limit Sidecar applies, with the reason for its numbers. */
export const RATE_LIMITS = {
  /** Sign-in codes per email: enough for typos and a resend, too few to spam an inbox. */
  codeRequestsPerEmail: { name: "auth.code-email", limit: 5, windowMs: 15 * MINUTE },
  /** Sign-in codes per IP: a front desk shares one IP, a script spraying addresses does too. */
  codeRequestsPerIp: { name: "auth.code-ip", limit: 30, windowMs: 15 * MINUTE },
  /** Code attempts per email, across codes: Better Auth also voids a code after 5 wrong tries. */
  codeAttemptsPerEmail: { name: "auth.attempt-email", limit: 10, windowMs: 15 * MINUTE },
  codeAttemptsPerIp: { name: "auth.attempt-ip", limit: 60, windowMs: 15 * MINUTE },
  /** Every other auth endpoint (session reads, sign-out) per IP. */
  authRequestsPerIp: { name: "auth.any-ip", limit: 300, windowMs: MINUTE },
  /** Mutating server actions per member: a busy front desk stays far below it. */
  mutation: { name: "action.mutation", limit: 120, windowMs: MINUTE },
  /** Invitations per member: stops an account being used to mass-mail strangers. */
  invitation: { name: "action.invite", limit: 30, windowMs: 60 * MINUTE },
  /** Ask Sidecar questions per agency: a busy team asks a few a minute; a loop spending the token budget stops here. */
  askPerOrg: { name: "ask.org", limit: 30, windowMs: 5 * MINUTE },
  /**
   * Signed-in routes outside an agency (GHL's OAuth callback) per person: connecting takes a
   * few tries at most; a loop replaying callbacks stops here.
   */
  sessionRoute: { name: "route.session", limit: 20, windowMs: 10 * MINUTE },
  /** Webhook deliveries per sender IP, far above GHL's real rate for one agency. */
  webhook: { name: "webhook.ip", limit: 600, windowMs: MINUTE },
} as const satisfies Record<string, RateLimitPolicy>;
