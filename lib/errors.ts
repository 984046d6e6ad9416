/**
 * Expected errors carry a message written for the user and a stable code the UI can branch on.
 * Anything else is logged with an event id and shown as a generic sentence with a reference.
 */
const KINDS = Symbol.for("sidecar.error-kinds");

/**
 * A production build can hold one module in several server chunks, so an error thrown by one
 * copy of a class reaches a check written against another copy. `instanceof` therefore tests a
 * registered symbol on the instance, listing the `kind` of every class in its chain, instead of
 * the prototype. A subclass that declares no `kind` of its own gets the ordinary prototype check.
 */
export class KindedError extends Error {
  static readonly kind: string = "KindedError";
  declare readonly [KINDS]: readonly string[];

  static [Symbol.hasInstance](value: unknown): boolean {
    if (!Object.hasOwn(this, "kind")) return Function.prototype[Symbol.hasInstance].call(this, value);
    const kinds = typeof value === "object" && value !== null ? (value as { [KINDS]?: readonly string[] })[KINDS] : undefined;
    return Array.isArray(kinds) && kinds.includes((this as unknown as { kind: string }).kind);
  }

  constructor(message: string) {
    super(message);
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === "function" && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, "kind")) kinds.push((c as unknown as { kind: string }).kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
  }
}

export class UserError extends KindedError {
  static override readonly kind: string = "UserError";
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
  static override readonly kind: string = "NotFoundError";
  constructor(message = "Not found.") {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

/** A member asking for something their role does not allow. */
export class ForbiddenError extends UserError {
  static override readonly kind: string = "ForbiddenError";
  constructor(message = "You do not have permission to do that.") {
    super("forbidden", message);
    this.name = "ForbiddenError";
  }
}

export class UnauthenticatedError extends UserError {
  static override readonly kind: string = "UnauthenticatedError";
  constructor(message = "Please sign in again.") {
    super("unauthenticated", message);
    this.name = "UnauthenticatedError";
  }
}
