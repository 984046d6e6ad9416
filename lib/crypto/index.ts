import "server-only";
import { env } from "@/lib/env";
import { decryptSecret, encryptSecret, parseKeyring, type SecretKey } from "@/lib/crypto/secrets";

let keyring: SecretKey[] | undefined;

function configuredKeyring(): SecretKey[] {
  keyring ??= parseKeyring(env.SECRETS_ENCRYPTION_KEYS);
  return keyring;
}

export function sealSecret(plaintext: string, context: string): string {
  return encryptSecret(plaintext, context, configuredKeyring());
}

export function openSecret(sealed: string, context: string): string {
  return decryptSecret(sealed, context, configuredKeyring());
}
