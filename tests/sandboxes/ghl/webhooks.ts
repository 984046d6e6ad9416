import { createPrivateKey, createPublicKey, createSign, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { seededRandom } from "@/scripts/demo/data";
import type { GhlWebhookEvent } from "./webhook-events";

/**
 * How GHL redelivers. Since 2026-04-30 every delivery answered with a non-2xx status (or not
 * answered at all) is retried, with exponential backoff and jitter, for hours
 * (GoHighLevel/highlevel-api-docs issue 257; a public integration measured 12 retries). Each
 * retry sends the very same signed bytes: same webhookId, same timestamp.
 */
export interface WebhookRetryPolicy {
  retries: number;
  /** Wait before retry `attempt` (0-based): a number, or a schedule such as ghlBackoff(). */
  delayMs: number | ((attempt: number) => number);
}

/**
 * GHL-like delays: `firstDelayMs` doubling each retry, with ±20% jitter. With GHL's scale
 * (about a minute first) twelve retries span more than a day; tests pass a few milliseconds.
 */
export function ghlBackoff(firstDelayMs: number, retries = 12, random: () => number = Math.random): WebhookRetryPolicy {
  return { retries, delayMs: (attempt) => Math.round(firstDelayMs * 2 ** attempt * (0.8 + 0.4 * random())) };
}

export interface SendWebhookOptions {
  /** Defaults to the sandbox's webhookTargetUrl. */
  targetUrl?: string;
  /** Extra deliveries of the very same signed bytes (same webhookId), as GHL sometimes does. */
  duplicate?: number;
  /** Wait before each delivery, duplicates included. */
  delayMs?: number;
  /** Retry any non-2xx answer like GHL does; `false` (the default for explicit sends) delivers once. */
  retry?: WebhookRetryPolicy | false;
  /** Send these exact bytes instead of JSON.stringify(event), e.g. pretty-printed JSON. They are signed as given. */
  rawBody?: string;
  /** Replace the X-GHL-Signature value (a forged or stale one); `null` sends no signature header. */
  signature?: string | null;
}

export interface SendWebhooksOptions extends Omit<SendWebhookOptions, "rawBody" | "signature"> {
  /** Deliver in a seeded random order that is guaranteed to differ from the given one. */
  shuffle?: boolean;
  randomSeed?: number;
  /** Fire all deliveries at once instead of one after another. */
  concurrent?: boolean;
}

export interface SendWebhooksResult {
  /** Indexes into `events` in the order they were delivered. */
  order: number[];
  /** `statuses[i]`: every HTTP status `events[i]` got back (see sendWebhook). */
  statuses: number[][];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Signs and delivers webhooks the way GHL does: POST, JSON body, `X-GHL-Signature` =
 * base64 Ed25519 signature over the raw body bytes [G11][G12]. The key pair is generated per
 * sandbox, since nobody can sign with GHL's private key: Sidecar takes the public key from
 * config, and tests hand it `webhookPublicKeyPem`.
 */
export class WebhookSender {
  readonly publicKeyPem: string;
  /** Only with `legacyRsaSignature`: the PEM for X-WH-Signature (RSA-SHA256), deprecated by GHL. */
  readonly rsaPublicKeyPem?: string;
  private readonly privateKey: KeyObject;
  private readonly rsaPrivateKey?: KeyObject;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly settings: {
      targetUrl?: string;
      autoRetry: WebhookRetryPolicy | false;
      legacyRsaSignature: boolean;
      /** A PKCS#8 PEM Ed25519 key to sign with, so the app under test can be configured first. */
      signingKeyPem?: string;
      randomSeed: number;
      log: (message: string, detail?: unknown) => void;
    },
  ) {
    const privateKey = settings.signingKeyPem ? createPrivateKey(settings.signingKeyPem) : generateKeyPairSync("ed25519").privateKey;
    this.privateKey = privateKey;
    this.publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
    if (settings.legacyRsaSignature) {
      // 2048 bits rather than GHL's 4096: generation time matters more than strength here.
      const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
      this.rsaPrivateKey = rsa.privateKey;
      this.rsaPublicKeyPem = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();
    }
  }

  signature(rawBody: Buffer): string {
    return sign(null, rawBody, this.privateKey).toString("base64");
  }

  /**
   * Delivers one event (plus `duplicate` copies) and returns one HTTP status per attempt, in
   * order: `[200]`, or `[500, 429, 200]` with retries, or `[200, 200]` with one duplicate.
   * A connection failure rejects when no retry policy is given: an explicit send in a test
   * should fail loudly; with one, it counts as status 0 and is retried like GHL does.
   */
  async send(event: GhlWebhookEvent, options: SendWebhookOptions = {}): Promise<number[]> {
    const targetUrl = options.targetUrl ?? this.settings.targetUrl;
    if (!targetUrl) throw new Error("GHL sandbox: no webhook target URL (pass targetUrl or set webhookTargetUrl)");
    const raw = Buffer.from(options.rawBody ?? JSON.stringify(event));
    const headers: Record<string, string> = { "content-type": "application/json" };
    const signature = options.signature === undefined ? this.signature(raw) : options.signature;
    if (signature !== null) headers["x-ghl-signature"] = signature;
    if (this.rsaPrivateKey && options.signature === undefined) {
      headers["x-wh-signature"] = createSign("sha256").update(raw).sign(this.rsaPrivateKey, "base64");
    }
    const statuses: number[] = [];
    for (let copy = 0; copy <= (options.duplicate ?? 0); copy++) {
      if (options.delayMs) await sleep(options.delayMs);
      statuses.push(...(await this.deliver(targetUrl, raw, headers, options.retry ?? false)));
    }
    return statuses;
  }

  async sendMany(events: GhlWebhookEvent[], options: SendWebhooksOptions = {}): Promise<SendWebhooksResult> {
    const order = events.map((_, index) => index);
    if (options.shuffle && order.length > 1) {
      const random = seededRandom(options.randomSeed ?? this.settings.randomSeed);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      // A shuffle may land on the original order; a test of "out of order" must never pass by luck.
      if (order.every((value, index) => value === index)) order.push(order.shift() as number);
    }
    const statuses: number[][] = events.map(() => []);
    const deliverOne = async (index: number) => {
      statuses[index] = await this.send(events[index] as GhlWebhookEvent, options);
    };
    if (options.concurrent) await Promise.all(order.map(deliverOne));
    else for (const index of order) await deliverOne(index);
    return { order, statuses };
  }

  /** Fire-and-forget for writes made through the API: failures are logged, never thrown. */
  sendInBackground(event: GhlWebhookEvent, targetUrl: string): void {
    const delivery = this.send(event, { targetUrl, retry: this.settings.autoRetry })
      .then((statuses) => {
        if (!statuses.some((status) => status >= 200 && status < 300)) {
          this.settings.log(`webhook ${event.type} to ${targetUrl} answered ${statuses.join(", ")}`);
        }
      })
      .catch((error: unknown) => {
        if (!this.abort.signal.aborted) this.settings.log(`webhook ${event.type} to ${targetUrl} failed`, error);
      })
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Resolves once every background delivery has finished. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  stop(): void {
    this.abort.abort();
  }

  private async deliver(url: string, raw: Buffer, headers: Record<string, string>, retry: WebhookRetryPolicy | false): Promise<number[]> {
    const statuses: number[] = [];
    for (let attempt = 0; ; attempt++) {
      let status: number;
      try {
        const response = await fetch(url, { method: "POST", headers, body: new Uint8Array(raw), signal: this.abort.signal });
        await response.arrayBuffer(); // drain, so the connection can be reused
        status = response.status;
      } catch (error) {
        if (!retry || this.abort.signal.aborted) throw error;
        status = 0;
      }
      statuses.push(status);
      // Any non-2xx is retried, not only 429 (GHL's policy since 2026-04-30).
      if ((status >= 200 && status < 300) || !retry || attempt >= retry.retries) return statuses;
      await sleep(typeof retry.delayMs === "number" ? retry.delayMs : retry.delayMs(attempt));
    }
  }
}
