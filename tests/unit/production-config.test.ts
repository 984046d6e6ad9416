import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { productionConfigProblems } from "@/lib/env";
import { createConfiguredStore } from "@/lib/ratelimit";
import { clientIpConfig, clientIpFrom } from "@/lib/ratelimit/client-ip";
import { proxy } from "@/proxy";

const COMPLETE = {
  BETTER_AUTH_SECRET: "x".repeat(32),
  SECRETS_ENCRYPTION_KEYS: "k1:aGVsbG8taGVsbG8taGVsbG8taGVsbG8taGVsbG8hISE=",
  DATABASE_URL: "postgres://db.example/app",
  CRON_SECRET: "c".repeat(16),
  SMTP_URL: "smtp://mail.example",
  APP_URL: "https://app.sidecar.example",
  REDIS_URL: "redis://cache.example:6379",
};

describe("production start-up refuses", () => {
  it("a configuration without a shared rate-limit store", () => {
    const { REDIS_URL: _redis, ...withoutRedis } = COMPLETE;
    expect(productionConfigProblems(withoutRedis)).toEqual([expect.stringMatching(/^UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or REDIS_URL, are required in production/)]);
    expect(productionConfigProblems({ ...withoutRedis, UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toHaveLength(1);
    expect(productionConfigProblems({ ...withoutRedis, UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" })).toEqual([]);
    expect(productionConfigProblems(COMPLETE)).toEqual([]);
  });

  it("an http APP_URL, unless the build is served on loopback only", () => {
    expect(productionConfigProblems({ ...COMPLETE, APP_URL: "http://app.sidecar.example" })).toEqual(["APP_URL must be an https:// URL in production"]);
    const { APP_URL: _url, ...withoutUrl } = COMPLETE;
    expect(productionConfigProblems(withoutUrl)).toEqual([expect.stringMatching(/^APP_URL is required in production/)]);
    expect(productionConfigProblems({ ...COMPLETE, APP_URL: "http://127.0.0.1:3200" })).toEqual([]);
    expect(productionConfigProblems({ ...COMPLETE, APP_URL: "http://localhost:3000" })).toEqual([]);
  });

  it("to count in process memory, even if the start-up check was skipped", () => {
    expect(() => createConfiguredStore({ NODE_ENV: "production", UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined, REDIS_URL: undefined })).toThrow(
      /shared store in production/,
    );
    expect(createConfiguredStore({ NODE_ENV: "development", UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined, REDIS_URL: undefined }).name).toBe("memory");
  });
});

describe("the client address comes from the trusted proxy hop", () => {
  const xff = (value: string) => new Headers({ "x-forwarded-for": value });

  it("takes the entry the trusted proxy appended, never the first one the client wrote", () => {
    const one = { header: "x-forwarded-for", hops: 1 };
    expect(clientIpFrom(xff("6.6.6.6, 203.0.113.7"), one)).toBe("203.0.113.7");
    expect(clientIpFrom(xff("203.0.113.7"), one)).toBe("203.0.113.7");
    expect(clientIpFrom(xff("1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.2"), { header: "x-forwarded-for", hops: 2 })).toBe("203.0.113.7");
    expect(clientIpFrom(xff("2001:DB8::1"), one)).toBe("2001:db8::1");
    expect(clientIpFrom(xff("203.0.113.7:5123"), one)).toBe("203.0.113.7");
    expect(clientIpFrom(xff("6.6.6.6, not-an-address"), one)).toBeNull();
    expect(clientIpFrom(new Headers(), one)).toBeNull();
  });

  it("uses the configured header, and Vercel's own on Vercel", () => {
    expect(clientIpConfig({ TRUSTED_PROXY_IP_HEADER: undefined, TRUSTED_PROXY_HOPS: 1, VERCEL: undefined })).toEqual({ header: "x-forwarded-for", hops: 1 });
    expect(clientIpConfig({ TRUSTED_PROXY_IP_HEADER: undefined, TRUSTED_PROXY_HOPS: 1, VERCEL: "1" })).toEqual({ header: "x-vercel-forwarded-for", hops: 1 });
    expect(clientIpConfig({ TRUSTED_PROXY_IP_HEADER: "cf-connecting-ip", TRUSTED_PROXY_HOPS: 1, VERCEL: "1" })).toEqual({ header: "cf-connecting-ip", hops: 1 });
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6", "cf-connecting-ip": "203.0.113.9" });
    expect(clientIpFrom(headers, { header: "cf-connecting-ip", hops: 1 })).toBe("203.0.113.9");
  });
});

describe("proxy in production", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("sends HSTS from the configured https origin, though the socket behind the proxy is http", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://app.sidecar.example");
    const response = proxy(new NextRequest("http://10.0.0.5:3000/login"));
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("sends no HSTS when the configured origin is http, whatever the request claims", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "http://127.0.0.1:3200");
    const response = proxy(new NextRequest("https://127.0.0.1:3200/login", { headers: { "x-forwarded-proto": "https" } }));
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("answers 404 for /dev/mailbox and everything under /dev", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://app.sidecar.example");
    for (const path of ["/dev/mailbox", "/dev/mailbox?to=a@b.c", "/dev"]) {
      expect(proxy(new NextRequest(`https://app.sidecar.example${path}`)).status, path).toBe(404);
    }
    expect(proxy(new NextRequest("https://app.sidecar.example/developers")).status).not.toBe(404);
  });

  it("lets development reach the mailbox page (which checks the transport itself)", () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(proxy(new NextRequest("http://localhost:3000/dev/mailbox")).status).toBe(200);
  });
});

describe("the dev mailbox", () => {
  it("is never enabled when NODE_ENV=production", async () => {
    const { devMailboxEnabled, mailTransportName } = await import("@/lib/mail/send");
    expect(mailTransportName()).toBe("dev-mailbox");
    expect(devMailboxEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(devMailboxEnabled({ NODE_ENV: "development" })).toBe(true);
  });
});
