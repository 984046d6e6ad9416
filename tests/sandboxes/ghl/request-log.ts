export interface LoggedRequest {
  method: string;
  path: string;
  /** `METHOD /pattern`, e.g. `POST /contacts/search`, so paths with ids group together. */
  route: string;
  startedAt: number;
  /** Unset while in flight and for requests the sandbox was told to leave hanging. */
  status?: number;
  durationMs?: number;
  fault?: "hang" | "error" | "rate-limit";
  /** `location:<id>` or `company:<id>` once the token is known. */
  resource?: string;
}

/** Every request the sandbox received, so tests can assert what a sync spent. */
export class RequestLog {
  private readonly requests: LoggedRequest[] = [];

  start(entry: Omit<LoggedRequest, "startedAt">): LoggedRequest {
    const logged: LoggedRequest = { ...entry, startedAt: Date.now() };
    this.requests.push(logged);
    return logged;
  }

  entries(filter: { route?: string; resource?: string } = {}): LoggedRequest[] {
    return this.requests.filter(
      (entry) => (filter.route === undefined || entry.route === filter.route) && (filter.resource === undefined || entry.resource === filter.resource),
    );
  }

  /** How many requests hit `route` (`"POST /contacts/search"`), or all of them. */
  count(route?: string): number {
    return route === undefined ? this.requests.length : this.entries({ route }).length;
  }

  countByRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.requests) counts[entry.route] = (counts[entry.route] ?? 0) + 1;
    return counts;
  }

  countByStatus(route?: string): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const entry of route === undefined ? this.requests : this.entries({ route })) {
      if (entry.status !== undefined) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
    }
    return counts;
  }

  clear(): void {
    this.requests.length = 0;
  }
}
