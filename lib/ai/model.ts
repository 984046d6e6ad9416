import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGateway } from "@ai-sdk/gateway";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import { env, type Env } from "@/lib/env";

export type AiProvider = "gateway" | "openai" | "anthropic";

export const DEFAULT_MODELS: Record<AiProvider, string> = {
  gateway: "openai/gpt-5-mini",
  openai: "gpt-5-mini",
  anthropic: "claude-sonnet-4-5",
};

export type AiModelChoice =
  | { configured: true; provider: AiProvider; modelId: string; model: LanguageModel; timeoutMs: number }
  | { configured: false; reason: string };

/** What the Ask page shows when no provider is switched on. */
export const NOT_CONFIGURED_REASON =
  "No AI provider is switched on. Set AI_GATEWAY_API_KEY, OPENAI_API_KEY (optionally with OPENAI_BASE_URL) or ANTHROPIC_API_KEY, and restart Sidecar.";

type AiConfig = Pick<Env, "AI_GATEWAY_API_KEY" | "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "ANTHROPIC_API_KEY" | "AI_MODEL" | "AI_REQUEST_TIMEOUT_MS">;

/** The provider the environment switches on, or null: the first key set wins, in this order. */
export function configuredProvider(config: AiConfig = env): AiProvider | null {
  if (config.AI_GATEWAY_API_KEY) return "gateway";
  if (config.OPENAI_API_KEY) return "openai";
  if (config.ANTHROPIC_API_KEY) return "anthropic";
  return null;
}

/**
 * The one seam between Sidecar and a model provider. OpenAI goes through chat completions (not
 * the Responses API), which every OpenAI-compatible endpoint behind OPENAI_BASE_URL also speaks.
 */
export function resolveModel(config: AiConfig = env): AiModelChoice {
  const provider = configuredProvider(config);
  if (!provider) return { configured: false, reason: NOT_CONFIGURED_REASON };
  const modelId = config.AI_MODEL ?? DEFAULT_MODELS[provider];
  const timeoutMs = config.AI_REQUEST_TIMEOUT_MS;
  switch (provider) {
    case "gateway":
      return { configured: true, provider, modelId, timeoutMs, model: createGateway({ apiKey: config.AI_GATEWAY_API_KEY })(modelId) };
    case "openai":
      return {
        configured: true,
        provider,
        modelId,
        timeoutMs,
        model: createOpenAI({ apiKey: config.OPENAI_API_KEY, ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}) }).chat(modelId),
      };
    case "anthropic":
      return { configured: true, provider, modelId, timeoutMs, model: createAnthropic({ apiKey: config.ANTHROPIC_API_KEY })(modelId) };
  }
}
