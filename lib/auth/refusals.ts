import "server-only";
import { randomUUID } from "node:crypto";
import { APIError } from "better-auth/api";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Better Auth's organization-plugin refusals a person can meet, in Sidecar's words. */
const SENTENCES: Record<string, string> = {
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: "That person is already a member of this agency.",
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: "That address already has a pending invitation. Resend it from the list instead.",
  INVITATION_NOT_FOUND: "This invitation no longer exists. Ask for a new one.",
  INVITATION_LIMIT_REACHED: "This agency has reached its limit of pending invitations. Revoke an old one first.",
  ORGANIZATION_MEMBERSHIP_LIMIT_REACHED: "This agency has reached its member limit.",
  MEMBER_NOT_FOUND: "That member is no longer part of this agency.",
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: "This invitation was sent to another email address. Sign in with that address to accept it.",
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: "An agency needs an owner: make someone else owner first.",
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER: "An agency needs an owner: make someone else owner first.",
  INVITER_IS_NO_LONGER_A_MEMBER_OF_THE_ORGANIZATION: "The person who invited you has left this agency. Ask a current admin for a new invitation.",
};

/**
 * Turns a Better Auth refusal into a UserError with a sentence of ours; anything unknown is
 * logged with a reference the sentence quotes, so Better Auth's own wording never reaches a page.
 */
export function fromAuthError(err: unknown, code: string): never {
  if (!(err instanceof APIError)) throw err;
  const authCode = typeof err.body?.code === "string" ? err.body.code : "";
  const sentence = SENTENCES[authCode];
  if (sentence) throw new UserError(code, sentence);
  const reference = randomUUID().slice(0, 8);
  log.warn({ err, reference, authCode, status: err.status }, "sign-in service refused a team change");
  throw new UserError(code, `That could not be done (reference ${reference}). Reload the page and try again.`);
}
