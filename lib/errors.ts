/**
 * Expected errors carry a message written for the user and a stable code the UI can branch on.
 * Anything else is logged with an event id and shown as a generic sentence with a reference.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The form field the message belongs beside, when there is one. */
    readonly field?: string,
    /** Several messages per field (every bad line of an imported file, say); replaces `field`'s single message. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Not a member, no such record, or not yours: all the same answer, so nothing can be probed. */
export class NotFoundError extends UserError {
  constructor(message = "Not found.") {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

/** A member asking for something their role does not allow. */
export class ForbiddenError extends UserError {
  constructor(message = "You do not have permission to do that.") {
    super("forbidden", message);
    this.name = "ForbiddenError";
  }
}

export class UnauthenticatedError extends UserError {
  constructor(message = "Please sign in again.") {
    super("unauthenticated", message);
    this.name = "UnauthenticatedError";
  }
}
