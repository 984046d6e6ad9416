import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest (GHL tokens, API keys): AES-256-GCM. The stored string names the key that
 * sealed it, so keys can rotate: the first configured key seals, every configured key opens.
 * `context` is bound as associated data, so a ciphertext copied to another row or purpose
 * (another organization's token column, say) fails to open.
 *
 * Format: v1.<keyId>.<iv base64url>.<ciphertext base64url>.<tag base64url>
 */

export interface SecretKey {
  id: string;
  key: Buffer;
}

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

/** Parses "keyId:base64,keyId:base64" (first = current). */
export function parseKeyring(spec: string): SecretKey[] {
  const keys = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, material] = entry.split(":");
      const key = Buffer.from(material ?? "", "base64");
      if (!id || key.length !== 32) throw new Error(`encryption key "${id ?? ""}" must be 32 bytes of base64`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error("no encryption key configured");
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error("encryption key ids must be unique");
  return keys;
}

export function encryptSecret(plaintext: string, context: string, keyring: SecretKey[]): string {
  const current = keyring[0];
  if (!current) throw new Error("no encryption key configured");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", current.id, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function decryptSecret(sealed: string, context: string, keyring: SecretKey[]): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new SecretDecryptionError("not a sealed secret");
  const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const key = keyring.find((k) => k.id === keyId);
  if (!key) throw new SecretDecryptionError(`sealed with key "${keyId}", which is not configured`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("the secret was tampered with or belongs elsewhere");
  }
}

/** True when the secret was sealed with an older key and should be re-sealed. */
export function needsRotation(sealed: string, keyring: SecretKey[]): boolean {
  return sealed.split(".")[1] !== keyring[0]?.id;
}
