import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for an OpenAI-compatible chat-completions endpoint on loopback, speaking the protocol
 * as OpenAI documents it: `POST /v1/chat/completions` with a Bearer key, `messages` with
 * system/user/assistant(tool_calls)/tool turns and `tools` of type "function"; with
 * `stream: true` it answers server-sent events of `chat.completion.chunk` objects (the role
 * first, then `content` deltas or `tool_calls` deltas: id, type and name in the first delta of a
 * call, `arguments` in pieces after), a chunk with `finish_reason` ("tool_calls" or "stop"), a
 * usage chunk with empty `choices` when `stream_options.include_usage` is set, and `data: [DONE]`.
 * Errors use OpenAI's `{error: {message, type, param, code}}` envelope.
 *
 * It is scripted, not a model: given the conversation, `script` decides whether to call tools (by
 * the question's words) or, once tool results are in, to answer from them, citing every record
 * with a `ref` as a Markdown link.
 */

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool" | "developer";
  content?: string | null | Array<{ type: string; text?: string }>;
  tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: Array<{ type: "function"; function: { name: string; description?: string; parameters?: unknown } }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

export type Turn = { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { text: string };

export interface OpenAiSandboxOptions {
  port?: number;
  /** Accepted Bearer keys; empty accepts any non-empty key. */
  apiKeys?: string[];
  /** Pause between streamed chunks (0: as fast as the socket takes them). */
  chunkDelayMs?: number;
  script?: (request: ChatRequest, now: Date) => Turn;
  now?: () => Date;
}

export interface OpenAiSandbox {
  url: string;
  /** The base URL the OpenAI provider takes (…/v1). */
  baseURL: string;
  requests: ChatRequest[];
  stop(): Promise<void>;
}

const text = (content: ChatMessage["content"]): string =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((p) => p.text ?? "").join("") : "";

const dateKey = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;

/** The date range a question speaks of: last/this month or week, or the last 30 days. */
export function rangeOf(question: string, now: Date): { from: string; to: string } {
  const q = question.toLowerCase();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (/last month/.test(q)) return { from: dateKey(new Date(Date.UTC(y, m - 1, 1))), to: dateKey(new Date(Date.UTC(y, m, 0))) };
  if (/this month/.test(q)) return { from: dateKey(new Date(Date.UTC(y, m, 1))), to: dateKey(now) };
  if (/last week/.test(q)) return { from: dateKey(new Date(now.getTime() - 7 * DAY)), to: dateKey(new Date(now.getTime() - DAY)) };
  return { from: dateKey(new Date(now.getTime() - 30 * DAY)), to: dateKey(now) };
}

/** Days until the weekday a question names ("before Friday"), else a week. */
export function daysUntil(question: string, now: Date): number {
  const days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  const named = days.findIndex((d) => question.toLowerCase().includes(d));
  if (named < 0) return 7;
  return ((named - now.getUTCDay() + 7) % 7) || 7;
}

/** The typical questions of an agency, by their words. */
export function defaultScript(request: ChatRequest, now: Date): Turn {
  const offered = new Set((request.tools ?? []).map((t) => t.function.name));
  const last = request.messages[request.messages.length - 1];
  if (last?.role === "tool") return { text: answerFromTools(request.messages) };
  const question = text([...request.messages].reverse().find((m) => m.role === "user")?.content);
  const q = question.toLowerCase();
  const call = (name: string, args: Record<string, unknown>): Turn | null => (offered.has(name) ? { toolCalls: [{ name, arguments: args }] } : null);
  const named = /(?:for|is|of|about)\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)+)/.exec(question)?.[1]?.replace(/['\u2019]s$/, "");
  const turn =
    (named && /appointment|visit|patient|booked|when/.test(q) ? call("findContact", { name: named }) : null) ??
    (/no.?show|cancel|show rate|how many appointments/.test(q) ? call("appointmentStats", rangeOf(question, now)) : null) ??
    (/run out|stock|suppl|inventory|expir|reorder/.test(q) ? call("inventoryStatus", { withinDays: daysUntil(question, now) }) : null) ??
    (/queue|finding|problem|needs a human/.test(q) ? call("queueFindings", {}) : null) ??
    (/attention|unconfirmed|confirm|upcoming/.test(q) ? call("appointmentsNeedingAttention", { days: 7 }) : null) ??
    (/sync|gohighlevel|\bghl\b/.test(q) ? call("syncHealth", {}) : null);
  return turn ?? { text: "I can answer questions about appointments and no-shows, upcoming appointments that need attention, patients by name, supplies and expiring lots, GoHighLevel sync and the needs-attention queue." };
}

interface Ref {
  type: string;
  id: string;
  label: string;
  href: string;
}

/** An answer citing every record the tools returned, with its numbers. */
export function answerFromTools(messages: ChatMessage[]): string {
  const lastAssistant = messages.map((m) => m.role).lastIndexOf("assistant");
  const results = messages.slice(lastAssistant + 1).filter((m) => m.role === "tool");
  const lines: string[] = [];
  for (const result of results) {
    let output: unknown;
    try {
      output = JSON.parse(text(result.content));
    } catch {
      continue;
    }
    const items: Array<{ ref: Ref; facts: string[] }> = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        const ref = record.ref as Ref | undefined;
        if (ref?.href) {
          const facts = Object.entries(record)
            .filter(([k, v]) => k !== "ref" && (typeof v === "number" || typeof v === "string") && !["clinic", "item"].includes(k))
            .slice(0, 4)
            .map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()} ${v}`);
          items.push({ ref, facts });
        }
        for (const [k, v] of Object.entries(record)) if (k !== "ref") walk(v);
      }
    };
    walk(output);
    if ((output as { error?: string })?.error) lines.push(`The lookup failed: ${(output as { error: string }).error}`);
    for (const item of items.slice(0, 8)) lines.push(`- [${item.ref.label}](${item.ref.href})${item.facts.length ? `: ${item.facts.join(", ")}` : ""}`);
  }
  if (lines.length === 0) return "I found nothing matching that in your agency's data.";
  return `Here is what I found:\n${lines.join("\n")}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function fail(res: ServerResponse, status: number, message: string, type: string, code: string | null) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, param: null, code } }));
}

const approxTokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export async function startOpenAiSandbox(options: OpenAiSandboxOptions = {}): Promise<OpenAiSandbox> {
  const requests: ChatRequest[] = [];
  const script = options.script ?? defaultScript;
  const delay = options.chunkDelayMs ?? 0;
  const now = options.now ?? (() => new Date());

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== "POST" || !req.url?.startsWith("/v1/chat/completions")) {
        return fail(res, 404, `Unknown request URL: ${req.method} ${req.url}`, "invalid_request_error", "unknown_url");
      }
      const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!key || (options.apiKeys?.length && !options.apiKeys.includes(key))) {
        return fail(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
      }
      let body: ChatRequest;
      try {
        body = JSON.parse(await readBody(req)) as ChatRequest;
      } catch {
        return fail(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
      }
      if (!body.model || !Array.isArray(body.messages) || body.messages.length === 0) {
        return fail(res, 400, "'messages' and 'model' are required.", "invalid_request_error", null);
      }
      requests.push(body);
      const turn = script(body, now());
      const id = `chatcmpl-${randomUUID().replace(/-/g, "").slice(0, 24)}`;
      const created = Math.floor(Date.now() / 1000);
      const promptTokens = approxTokens(JSON.stringify(body.messages)) + approxTokens(JSON.stringify(body.tools ?? []));
      const calls = "toolCalls" in turn ? turn.toolCalls.map((c) => ({ id: `call_${randomUUID().replace(/-/g, "").slice(0, 24)}`, name: c.name, args: JSON.stringify(c.arguments) })) : [];
      const answer = "text" in turn ? turn.text : "";
      const completionTokens = approxTokens(answer) + calls.reduce((s, c) => s + approxTokens(c.args) + 5, 0);
      const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
      const finish = calls.length ? "tool_calls" : "stop";

      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id,
            object: "chat.completion",
            created,
            model: body.model,
            choices: [
              {
                index: 0,
                message: { role: "assistant", content: calls.length ? null : answer, ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.args } })) } : {}), refusal: null },
                logprobs: null,
                finish_reason: finish,
              },
            ],
            usage,
          }),
        );
        return;
      }

      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const send = async (choices: unknown[], extra: Record<string, unknown> = {}) => {
        res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, system_fingerprint: "fp_sidecar_sandbox", choices, ...extra })}\n\n`);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      };
      const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason });
      await send([choice({ role: "assistant", content: calls.length ? null : "", refusal: null })]);
      for (const [index, call] of calls.entries()) {
        await send([choice({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] })]);
        for (let i = 0; i < call.args.length; i += 12) await send([choice({ tool_calls: [{ index, function: { arguments: call.args.slice(i, i + 12) } }] })]);
      }
      for (const piece of answer.match(/\S+\s*|\s+/g) ?? []) await send([choice({ content: piece })]);
      await send([choice({}, finish)]);
      if (body.stream_options?.include_usage) await send([], { usage });
      res.end("data: [DONE]\n\n");
    } catch (err) {
      if (!res.headersSent) fail(res, 500, err instanceof Error ? err.message : "server error", "server_error", null);
      else res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
