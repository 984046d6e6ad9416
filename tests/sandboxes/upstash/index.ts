import http from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";

/**
 * Speaks the Upstash Redis REST protocol (POST / with a JSON command array, /pipeline,
 * /multi-exec, Bearer token, `Upstash-Encoding: base64`) in front of a real Redis, so the
 * @upstash/redis client is tested over real HTTP without the hosted service.
 */
export interface UpstashFixture {
  url: string;
  token: string;
  stop(): Promise<void>;
}

type Json = string | number | null | Json[];

/** Every string in the result is base64 except the literal "OK" (what @upstash/redis expects). */
function encodeResult(value: Json, base64: boolean): Json {
  if (!base64) return value;
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map((v) => encodeResult(v, base64));
  return value;
}

async function run(redis: Redis, command: unknown): Promise<{ result: Json } | { error: string }> {
  if (!Array.isArray(command) || command.length === 0 || typeof command[0] !== "string") {
    return { error: "ERR command must be a non-empty JSON array" };
  }
  const [name, ...args] = command as [string, ...unknown[]];
  try {
    const result = (await redis.call(name, ...args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))))) as Json;
    return { result };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export async function startUpstashFixture(options: { redisUrl?: string; token?: string } = {}): Promise<UpstashFixture> {
  const token = options.token ?? "fixture-token";
  const redis = new Redis(options.redisUrl ?? "redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.method !== "POST") return send(405, { error: "ERR only POST is supported here" });
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(400, { error: "ERR failed to parse command" });
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const encode = (r: { result: Json } | { error: string }) => ("result" in r ? { result: encodeResult(r.result, base64) } : r);

    if (path === "/pipeline" || path === "/multi-exec") {
      if (!Array.isArray(body)) return send(400, { error: "ERR pipeline body must be an array of commands" });
      if (path === "/multi-exec") await redis.call("MULTI");
      const results = [];
      for (const command of body) results.push(encode(await run(redis, command)));
      if (path === "/multi-exec") await redis.call("EXEC");
      return send(200, results);
    }
    const outcome = encode(await run(redis, body));
    return send("error" in outcome ? 400 : 200, outcome);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
