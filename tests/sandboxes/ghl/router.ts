import type { Route } from "./context";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
  staticCount: number;
}

/** A malformed escape (`/contacts/%E0`) must fail the match, not throw out of the server callback. */
function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/**
 * Matches `/contacts/:contactId` style patterns. Trailing slashes are ignored because GHL's
 * own paths mix them (`POST /contacts/` vs `GET /contacts/{id}`). A pattern with more static
 * segments wins, so `/contacts/search` is never read as a contact id.
 */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes
      .map((route) => {
        const segments = splitPath(route.path);
        return { route, segments, staticCount: segments.filter((segment) => !segment.startsWith(":")).length };
      })
      .sort((a, b) => b.staticCount - a.staticCount);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    for (const { route, segments } of this.compiled) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const isMatch = segments.every((segment, index) => {
        const part = parts[index] as string;
        if (segment.startsWith(":")) {
          const value = safeDecode(part);
          if (value === undefined) return false;
          params[segment.slice(1)] = value;
          return true;
        }
        return segment === part;
      });
      if (isMatch) return { route, params };
    }
    return undefined;
  }
}

export function routeKey(method: string, pattern: string): string {
  const trimmed = pattern.length > 1 && pattern.endsWith("/") ? pattern.slice(0, -1) : pattern;
  return `${method} ${trimmed}`;
}
