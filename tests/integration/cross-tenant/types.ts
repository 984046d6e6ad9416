import type { SeededAgency } from "../../support/tenants";

export type Who = "ownerA" | "adminA" | "staffA" | "outsider";

export interface ActionCase {
  who: Who;
  /** What is being attempted, for the failure message. */
  attempt: string;
  call: () => Promise<unknown>;
  /** Acceptable outcomes: result codes, or "ok" for a call that can only touch the caller's own data. */
  refusals?: string[];
}

export interface RouteCase {
  who: Who;
  attempt: string;
  request: () => Request;
  /** The dynamic segments of the route ([slug] and the like), as Next.js passes them. */
  params?: Record<string, string>;
  /** Acceptable statuses: a refusal, or a success that carries nothing of B's. */
  statuses: number[];
}

export interface World {
  A: SeededAgency;
  B: SeededAgency;
  /** Per-feature fixtures, from each feature's seed(). */
  extra: { A: Record<string, unknown>; B: Record<string, unknown> };
  sessions: Record<Who, Headers>;
  /** An exported server action by "actions/<file>.ts#<export>". */
  action(key: string): (...args: unknown[]) => Promise<unknown>;
}

/**
 * One feature's part of the cross-tenant suite. Every exported action and every route handler
 * must appear in some feature's `actions` or `routes`, or the suite fails.
 */
export interface CrossTenantFeature {
  /** Extra data of the feature for one agency (B's is what A must never see or change). */
  seed?(agency: SeededAgency): Promise<Record<string, unknown>>;
  /** Strings of B's data that must never appear in a response to A. */
  secrets?(agency: SeededAgency, extra: Record<string, unknown>): string[];
  /** B's rows of the feature, compared before and after every attack. */
  snapshot?(organizationId: string): Promise<unknown>;
  actions?: Record<string, (w: World) => ActionCase[]>;
  routes?: Record<string, (w: World) => RouteCase[]>;
  /** Stops what seed() started (a sandbox, say). */
  teardown?(): Promise<void>;
}
