import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv as parseDotenv } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, ENV_VARIABLES, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("accepts an empty environment with the embedded defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDED_DB_PORT).toBe(54329);
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("accepts a postgres URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db.example.com:5432/app" }).DATABASE_URL).toBe(
      "postgresql://u:p@db.example.com:5432/app",
    );
  });

  it("names the variable and the problem when DATABASE_URL is malformed", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/app" })).toThrow(ConfigError);
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/^Invalid configuration: DATABASE_URL must be a postgres/);
  });

  it("takes QStash only with both signing keys", () => {
    expect(() => parseEnv({ QSTASH_TOKEN: "t" })).toThrow(/QSTASH_CURRENT_SIGNING_KEY is required with QSTASH_TOKEN/);
    expect(() => parseEnv({ QSTASH_TOKEN: "t", QSTASH_CURRENT_SIGNING_KEY: "sig_a" })).toThrow(/QSTASH_NEXT_SIGNING_KEY is required with QSTASH_CURRENT_SIGNING_KEY/);
    expect(parseEnv({ QSTASH_TOKEN: "t", QSTASH_CURRENT_SIGNING_KEY: "sig_a", QSTASH_NEXT_SIGNING_KEY: "sig_b" }).QSTASH_URL).toBe("https://qstash.upstash.io");
  });

  it("reports every bad variable on one line", () => {
    try {
      parseEnv({ EMBEDDED_DB_PORT: "99999", APP_URL: "ftp://x" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).not.toContain("\n");
      expect(message).toContain("EMBEDDED_DB_PORT");
      expect(message).toContain("APP_URL");
    }
  });
});

describe(".env.example", () => {
  const example = parseDotenv(readFileSync(path.join(import.meta.dirname, "../../.env.example"), "utf8"));

  it("lists exactly the variables lib/env.ts reads", () => {
    expect(Object.keys(example).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("is itself a valid configuration", () => {
    expect(() => parseEnv(example)).not.toThrow();
  });
});
