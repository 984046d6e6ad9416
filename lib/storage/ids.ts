import { randomBytes } from "node:crypto";

/** A file id: 128 random bits, so no key can be guessed from another. */
export function createId(): string {
  return `f${randomBytes(16).toString("hex")}`;
}
