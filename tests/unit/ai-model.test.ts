import { describe, expect, it } from "vitest";
import { configuredProvider, resolveModel } from "@/lib/ai/model";
import { parseEnv } from "@/lib/env";

const config = (vars: Record<string, string>) => parseEnv(vars);

describe("the model seam", () => {
  it("is not configured without a key, and says how to switch one on", () => {
    const choice = resolveModel(config({}));
    expect(choice.configured).toBe(false);
    expect(!choice.configured && choice.reason).toMatch(/AI_GATEWAY_API_KEY.*OPENAI_API_KEY.*ANTHROPIC_API_KEY/);
  });

  it("takes the first key set: the gateway, then OpenAI, then Anthropic", () => {
    expect(configuredProvider(config({ ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "o", AI_GATEWAY_API_KEY: "g" }))).toBe("gateway");
    expect(configuredProvider(config({ ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "o" }))).toBe("openai");
    expect(configuredProvider(config({ ANTHROPIC_API_KEY: "a" }))).toBe("anthropic");
  });

  it("uses AI_MODEL or each provider's default, and OpenAI's chat completions at OPENAI_BASE_URL", () => {
    const openai = resolveModel(config({ OPENAI_API_KEY: "o", OPENAI_BASE_URL: "http://127.0.0.1:4030/v1", AI_MODEL: "local-model" }));
    expect(openai).toMatchObject({ configured: true, provider: "openai", modelId: "local-model", timeoutMs: 45_000 });
    expect(openai.configured && typeof openai.model === "object" && openai.model.provider).toBe("openai.chat");
    const anthropic = resolveModel(config({ ANTHROPIC_API_KEY: "a", AI_REQUEST_TIMEOUT_MS: "5000" }));
    expect(anthropic).toMatchObject({ provider: "anthropic", modelId: "claude-sonnet-4-5", timeoutMs: 5000 });
    expect(resolveModel(config({ AI_GATEWAY_API_KEY: "g" }))).toMatchObject({ provider: "gateway", modelId: "openai/gpt-5-mini" });
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => config({ OPENAI_BASE_URL: "ftp://x" })).toThrow(/OPENAI_BASE_URL/);
  });
});
