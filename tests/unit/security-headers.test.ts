import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/security-headers";
import { safeNextPath } from "@/lib/auth/safe-next";
import { productionConfigProblems } from "@/lib/env";

describe("security headers", () => {
  it("sets a nonce CSP that forbids framing, and HSTS only for production over https", () => {
    const prod = securityHeaders("abc", { production: true, https: true });
    expect(prod["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(prod["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(prod["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(prod["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(prod["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(securityHeaders("abc", { production: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("abc", { production: true, https: false })["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("after sign-in redirects", () => {
  it("follow same-site paths only", () => {
    expect(safeNextPath("/agency/x/admin")).toBe("/agency/x/admin");
    expect(safeNextPath("//evil.example")).toBeNull();
    expect(safeNextPath("https://evil.example")).toBeNull();
    expect(safeNextPath("/\\evil.example")).toBeNull();
    expect(safeNextPath("/login?next=/x")).toBeNull();
  });
});

describe("production configuration", () => {
  it("requires secrets, a database and a mail transport", () => {
    expect(productionConfigProblems({})).toEqual([
      "BETTER_AUTH_SECRET is required in production",
      "SECRETS_ENCRYPTION_KEYS is required in production",
      "DATABASE_URL is required in production",
      "CRON_SECRET is required in production",
      "SMTP_URL or RESEND_API_KEY is required in production",
      "APP_URL is required in production (the https:// address people use)",
      "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or REDIS_URL, are required in production (rate limits must be shared across servers)",
    ]);
    expect(
      productionConfigProblems({
        BETTER_AUTH_SECRET: "x", SECRETS_ENCRYPTION_KEYS: "y", DATABASE_URL: "postgres://h/d", CRON_SECRET: "c", RESEND_API_KEY: "re_1",
        APP_URL: "https://app.sidecar.example", REDIS_URL: "redis://cache:6379",
      }),
    ).toEqual([]);
  });
});

describe("the storage origin in connect-src", () => {
  it("names the bucket's origin for each S3 style, and nothing for the local driver", async () => {
    const { storageOrigin } = await import("@/lib/storage/origin");
    const { contentSecurityPolicy } = await import("@/lib/security-headers");
    expect(storageOrigin({})).toBeNull();
    expect(storageOrigin({ S3_BUCKET: "files", S3_REGION: "eu-west-1" })).toBe("https://files.s3.eu-west-1.amazonaws.com");
    expect(storageOrigin({ S3_BUCKET: "files", S3_ENDPOINT: "https://t3.storage.dev", S3_REGION: "auto" })).toBe("https://files.t3.storage.dev");
    expect(storageOrigin({ S3_BUCKET: "files", S3_ENDPOINT: "https://acct.r2.cloudflarestorage.com", S3_FORCE_PATH_STYLE: "true" })).toBe("https://acct.r2.cloudflarestorage.com");
    expect(contentSecurityPolicy("n", { dev: false, storage: "https://files.t3.storage.dev" })).toContain("connect-src 'self' https://files.t3.storage.dev;");
    expect(contentSecurityPolicy("n", { dev: false })).toContain("connect-src 'self';");
  });
});
