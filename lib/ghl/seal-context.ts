/** What a sealed GHL token is bound to: a ciphertext copied to another organization or slot fails to open. */
export const sealContext = (organizationId: string, kind: "access" | "refresh" | `location:${string}`) => `ghl:${organizationId}:${kind}`;
