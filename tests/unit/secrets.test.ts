import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, needsRotation, parseKeyring, SecretDecryptionError } from "@/lib/crypto/secrets";

const key = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

describe("secrets at rest", () => {
  const oldRing = parseKeyring(key("k1"));

  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("refresh-token-123", "org_a:ghl", oldRing);
    expect(sealed).not.toContain("refresh-token-123");
    expect(sealed.split(".")[1]).toBe("k1");
    expect(decryptSecret(sealed, "org_a:ghl", oldRing)).toBe("refresh-token-123");
    expect(encryptSecret("same", "c", oldRing)).not.toBe(encryptSecret("same", "c", oldRing));
  });

  it("refuses a tampered ciphertext, tag or key id", () => {
    const sealed = encryptSecret("secret", "ctx", oldRing);
    const parts = sealed.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((p, i) => (i === index ? flip(p) : p)).join(".");
      expect(() => decryptSecret(tampered, "ctx", oldRing)).toThrow(SecretDecryptionError);
    }
    expect(() => decryptSecret(parts.map((p, i) => (i === 1 ? "nope" : p)).join("."), "ctx", oldRing)).toThrow(/not configured/);
    expect(() => decryptSecret("garbage", "ctx", oldRing)).toThrow(SecretDecryptionError);
  });

  it("binds the secret to its context", () => {
    const sealed = encryptSecret("secret", "org_a:ghl", oldRing);
    expect(() => decryptSecret(sealed, "org_b:ghl", oldRing)).toThrow(SecretDecryptionError);
  });

  it("accepts two keys during a rotation: new secrets use the first, old ones still open", () => {
    const sealedOld = encryptSecret("old secret", "ctx", oldRing);
    const rotating = parseKeyring(`${key("k2")},${oldRing.map((k) => `${k.id}:${k.key.toString("base64")}`).join(",")}`);
    expect(decryptSecret(sealedOld, "ctx", rotating)).toBe("old secret");
    expect(needsRotation(sealedOld, rotating)).toBe(true);
    const sealedNew = encryptSecret("new secret", "ctx", rotating);
    expect(sealedNew.split(".")[1]).toBe("k2");
    expect(needsRotation(sealedNew, rotating)).toBe(false);
    // Once the old key is retired, what it sealed no longer opens.
    const retired = parseKeyring(`k2:${rotating[0]!.key.toString("base64")}`);
    expect(() => decryptSecret(sealedOld, "ctx", retired)).toThrow(/not configured/);
  });

  it("rejects malformed keyrings", () => {
    expect(() => parseKeyring("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKeyring(`${key("a")},${key("a")}`)).toThrow(/unique/);
  });
});
