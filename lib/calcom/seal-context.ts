/** What a sealed Cal.com secret is bound to: a ciphertext copied to another organization or slot fails to open. */
export const sealContext = (organizationId: string, kind: "api-key" | "webhook") => `calcom:${organizationId}:${kind}`;
