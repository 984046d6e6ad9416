import { startOpenAiSandbox } from "@/tests/sandboxes/openai";

/**
 * Ask Sidecar for local runs: the OpenAI-compatible stand-in on loopback, and the variables that
 * point the real OpenAI provider at it. It answers the typical questions by calling Sidecar's
 * tools and citing what they return, so the Ask page works offline.
 */
export async function startLocalAi(options: { port: number; chunkDelayMs?: number }) {
  const sandbox = await startOpenAiSandbox({ port: options.port, chunkDelayMs: options.chunkDelayMs ?? 15 });
  return {
    sandbox,
    env: { OPENAI_API_KEY: "sk-local-sandbox", OPENAI_BASE_URL: sandbox.baseURL, AI_MODEL: "sidecar-sandbox" } as Record<string, string>,
  };
}
