import { seededRandom } from "@/scripts/demo/data";

/** Which requests a fault applies to; omitted parts match everything. */
export interface FaultMatch {
  method?: string;
  /** Exact pathname (trailing slash ignored) or a pattern tested against the pathname. */
  path?: string | RegExp;
  /** Query parameters the request must carry with these values (e.g. one location's `locationId`). */
  query?: Record<string, string>;
}

export type ServerErrorStatus = 500 | 502 | 503;

export type FaultAction = { kind: "error"; status: ServerErrorStatus } | { kind: "rate-limit" } | { kind: "hang" };

interface CountedRule {
  remaining: number;
  match?: FaultMatch;
}

function normalize(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function matches(match: FaultMatch | undefined, method: string, path: string, query?: URLSearchParams): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.query && Object.entries(match.query).some(([key, value]) => query?.get(key) !== value)) return false;
  if (match.path === undefined) return true;
  return typeof match.path === "string" ? normalize(match.path) === normalize(path) : match.path.test(path);
}

/**
 * Misbehaviour on demand, for the failures Sidecar's client must survive. Each rule applies to
 * requests that arrive after it is set; counted rules are used up one matching request at a
 * time. Order of precedence: hang, then forced 5xx, then forced 429, then random 5xx.
 */
export class FaultInjector {
  private readonly latencies: Array<{ ms: number; match?: FaultMatch }> = [];
  private readonly hangs: CountedRule[] = [];
  private readonly failures: Array<CountedRule & { status: ServerErrorStatus }> = [];
  private readonly storms: CountedRule[] = [];
  private errorRate: { probability: number; statuses: ServerErrorStatus[]; match?: FaultMatch } | undefined;
  private random: () => number;

  constructor(randomSeed: number) {
    this.random = seededRandom(randomSeed);
  }

  /** Every matching request waits `ms` before it is handled. Rules add up. */
  addLatency(ms: number, match?: FaultMatch): void {
    this.latencies.push({ ms, match });
  }

  /** The next `count` matching requests answer `status` (default 500). */
  failNext(count: number, options: { status?: ServerErrorStatus; match?: FaultMatch } = {}): void {
    this.failures.push({ remaining: count, status: options.status ?? 500, match: options.match });
  }

  /** Each matching request fails with probability `probability` (seeded, so runs repeat). */
  setErrorRate(probability: number, options: { statuses?: ServerErrorStatus[]; match?: FaultMatch } = {}): void {
    this.errorRate = probability > 0 ? { probability, statuses: options.statuses ?? [500, 502, 503], match: options.match } : undefined;
  }

  /** The next `count` matching requests answer 429 whatever the real budget says. */
  rateLimitStorm(count: number, match?: FaultMatch): void {
    this.storms.push({ remaining: count, match });
  }

  /** The next `count` matching requests are never answered (Infinity: all of them) until stop(). */
  hangNext(count = 1, match?: FaultMatch): void {
    this.hangs.push({ remaining: count, match });
  }

  clear(): void {
    this.latencies.length = 0;
    this.hangs.length = 0;
    this.failures.length = 0;
    this.storms.length = 0;
    this.errorRate = undefined;
  }

  decide(method: string, path: string, query?: URLSearchParams): { latencyMs: number; action?: FaultAction } {
    const latencyMs = this.latencies.filter((rule) => matches(rule.match, method, path, query)).reduce((sum, rule) => sum + rule.ms, 0);
    if (this.consume(this.hangs, method, path, query)) return { latencyMs, action: { kind: "hang" } };
    const failure = this.consume(this.failures, method, path, query);
    if (failure) return { latencyMs, action: { kind: "error", status: failure.status } };
    if (this.consume(this.storms, method, path, query)) return { latencyMs, action: { kind: "rate-limit" } };
    const rate = this.errorRate;
    if (rate && matches(rate.match, method, path, query) && this.random() < rate.probability) {
      const status = rate.statuses[Math.floor(this.random() * rate.statuses.length)] ?? 500;
      return { latencyMs, action: { kind: "error", status } };
    }
    return { latencyMs };
  }

  private consume<R extends CountedRule>(rules: R[], method: string, path: string, query?: URLSearchParams): R | undefined {
    const rule = rules.find((candidate) => candidate.remaining > 0 && matches(candidate.match, method, path, query));
    if (rule) rule.remaining -= 1;
    return rule;
  }
}
