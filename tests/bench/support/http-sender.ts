import http from "node:http";
import { performance } from "node:perf_hooks";

export interface Delivery {
  body: Buffer;
  signature: string;
}

export interface Answer {
  status: number;
  ms: number;
}

/**
 * A webhook sender over kept-alive loopback connections (node:http, at most `connections` at
 * once), as a provider's delivery workers are: each delivery is a POST of signed bytes, timed
 * from the request's start to the end of the answer.
 */
export function webhookSender(baseUrl: string, connections: number) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let sent = 0;
  const post = (path: string, { body, signature }: Delivery): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const n = sent++;
      const start = performance.now();
      const request = http.request(
        {
          host: hostname,
          port,
          path,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": body.length,
            "x-ghl-signature": signature,
            // A client address per delivery, so the per-address limit (600 a minute) does not cap what is measured.
            "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          },
        },
        (response) => {
          response.resume();
          response.once("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - start }));
          response.once("error", reject);
        },
      );
      request.once("error", reject);
      request.end(body);
    });
  return { post, close: () => agent.destroy() };
}
