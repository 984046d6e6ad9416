/**
 * A rate-limit store counts hits in fixed windows. Three implementations share this contract
 * (tests/integration/ratelimit-stores.test.ts runs one suite against all of them): Upstash over
 * REST, Redis over TCP, and an in-process map for the embedded default.
 */
export interface WindowHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

export interface BucketSpec {
  /** Most tokens the bucket holds (the largest burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export interface BucketTake {
  /** Whether the tokens were taken. */
  granted: boolean;
  /** When not granted: milliseconds until enough tokens will be there. */
  waitMs: number;
}

export interface RateLimitStore {
  readonly name: "upstash" | "redis" | "memory";
  /** Adds `cost` hits to `key`'s window of `windowMs`, atomically, and reports the total. */
  hit(key: string, windowMs: number, cost?: number): Promise<WindowHit>;
  /** Takes `cost` tokens from `key`'s bucket if it holds them, atomically across processes. */
  take(key: string, bucket: BucketSpec, cost?: number): Promise<BucketTake>;
  reset(key: string): Promise<void>;
  close?(): Promise<void>;
}

/** INCRBY then set the expiry on the first hit, in one atomic script. */
export const HIT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export function parseScriptResult(result: unknown): WindowHit {
  if (!Array.isArray(result) || result.length !== 2) throw new Error(`unexpected rate-limit script result: ${JSON.stringify(result)}`);
  return { count: Number(result[0]), resetMs: Math.max(0, Number(result[1])) };
}

/**
 * Token bucket in one script, on the server's clock (TIME), so every process shares one view.
 * Tokens are kept in thousandths to stay in integers.
 */
export const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1]) * 1000
local perMs = tonumber(ARGV[2])
local cost = tonumber(ARGV[3]) * 1000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local wait = 0
if tokens >= cost then tokens = tokens - cost else wait = math.ceil((cost - tokens) / perMs) end
redis.call('HSET', KEYS[1], 'tokens', math.floor(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMs) + 1000)
return {wait == 0 and 1 or 0, wait}`;

/** ARGV for TAKE_SCRIPT: perMs is thousandths of a token per millisecond (= tokens per second). */
export function takeArgs(bucket: BucketSpec, cost: number): string[] {
  return [String(bucket.capacity), String(bucket.refillPerSecond), String(cost)];
}

export function parseTakeResult(result: unknown): BucketTake {
  if (!Array.isArray(result) || result.length !== 2) throw new Error(`unexpected token-bucket result: ${JSON.stringify(result)}`);
  return { granted: Number(result[0]) === 1, waitMs: Number(result[1]) };
}
