import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A 20-character alphanumeric id, the shape GHL uses for contacts, calendars and events. */
export function ghlId(random?: () => number): string {
  let id = "";
  if (random) {
    for (let i = 0; i < 20; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
    return id;
  }
  for (const byte of randomBytes(20)) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** FNV-1a: turns a location id into a PRNG seed so each location's data is stable. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
