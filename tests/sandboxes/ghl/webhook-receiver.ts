import { createServer, type IncomingHttpHeaders } from "node:http";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The bytes as they arrived: signatures are checked against these, never re-serialized JSON. */
  raw: Buffer;
  json: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answer the next deliveries with these statuses, in order, then 200 (replaces any queued ones). */
  respondWith(statuses: number[]): void;
  /** Resolves once `count` deliveries have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  stop(): Promise<void>;
}

/** A loopback endpoint that records deliveries, for tests of the sandbox's webhook sender. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queued: number[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, raw, json: JSON.parse(raw.toString("utf8")) as Record<string, unknown> });
      res.writeHead(queued.shift() ?? 200, { "content-type": "application/json" }).end("{}");
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/ghl`,
    received,
    respondWith: (statuses) => void queued.splice(0, queued.length, ...statuses),
    async waitFor(count, timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
