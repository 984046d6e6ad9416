import { API_VERSION } from "./types";
import type { appointmentView, contactView, eventView } from "./views";

/**
 * A bare HTTP helper for the sandbox's own tests: sends exactly what it is told, so tests can
 * also send what a well-behaved client never would (no Version, wrong token, JSON to /oauth/token).
 */
export interface CallOptions {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`; omit for none. */
  token?: string;
  /** Defaults to the module's documented Version; `null` sends none. */
  version?: string | null;
  json?: unknown;
  form?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  redirect?: RequestRedirect;
}

export interface CallResult<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function defaultVersion(path: string): string {
  return path.startsWith("/calendars") ? API_VERSION.calendars : path.startsWith("/conversations") ? API_VERSION.conversations : API_VERSION.contacts;
}

export async function call<T = Record<string, unknown>>(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const version = options.version === undefined ? defaultVersion(path) : options.version;
  if (version !== null) headers.version = version;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  const response = await fetch(url, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    signal: options.signal,
    redirect: options.redirect,
  });
  const text = await response.text();
  let parsed: unknown = text;
  if (response.headers.get("content-type")?.includes("application/json")) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** JSON shapes the sandbox answers with, for typing test assertions. */
export type ContactJson = ReturnType<typeof contactView>;
export type SearchContactJson = ContactJson & { searchAfter: [number, string] };
export type EventJson = ReturnType<typeof eventView>;
export type AppointmentJson = ReturnType<typeof appointmentView>;
export interface GhlErrorJson {
  statusCode: number;
  message: string | string[];
  error?: string;
  traceId?: string;
}
