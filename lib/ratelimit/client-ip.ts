import { isIP } from "node:net";
import { env } from "@/lib/env";

export interface ClientIpConfig {
  /** The header the trusted proxy sets or appends to (lower case). */
  header: string;
  /** How many trusted proxies append to it; the client is this many entries from the right. */
  hops: number;
}

/** The configured trusted-proxy hop (TRUSTED_PROXY_IP_HEADER, TRUSTED_PROXY_HOPS; Vercel's header on Vercel). */
export function clientIpConfig(source: Pick<typeof env, "TRUSTED_PROXY_IP_HEADER" | "TRUSTED_PROXY_HOPS" | "VERCEL"> = env): ClientIpConfig {
  return {
    header: source.TRUSTED_PROXY_IP_HEADER ?? (source.VERCEL ? "x-vercel-forwarded-for" : "x-forwarded-for"),
    hops: source.TRUSTED_PROXY_HOPS,
  };
}

/**
 * The client's address as the trusted proxy recorded it, or null. A proxy appends the address
 * that connected to it, so entries left of the trusted hops are whatever the client sent and
 * are never used: with one trusted proxy, the rightmost entry is the client.
 */
export function clientIpFrom(headers: Headers, config: ClientIpConfig = clientIpConfig()): string | null {
  const value = headers.get(config.header);
  if (!value) return null;
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const candidate = entries[Math.max(0, entries.length - config.hops)]!;
  const address = candidate.startsWith("[") ? candidate.slice(1, candidate.indexOf("]")) : candidate.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return isIP(address) ? address.toLowerCase() : null;
}

/** The key rate limits count a client by: its address, or "unknown" when the proxy sent none. */
export function clientIpKey(headers: Headers): string {
  return clientIpFrom(headers) ?? "unknown";
}
