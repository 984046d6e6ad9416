import type { z } from "zod";

/**
 * GHL-style errors. The shapes follow the shared error schemas of the v2 OpenAPI specs
 * (reference §1.4): 400 `{statusCode,message}`, 401 `{statusCode,message,error}`,
 * 422 `{statusCode,message:[...],error}`. 403/404 use the `{statusCode,message,error}` form
 * NestJS (which GHL's API runs on) produces; their exact texts are the sandbox's own.
 */
export class GhlHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === "string" ? body.message : JSON.stringify(body.message));
  }
}

export const INVALID_TOKEN_MESSAGE = "Invalid token: access token is invalid";

export function badRequest(message: string, extra: Record<string, unknown> = {}): GhlHttpError {
  return new GhlHttpError(400, { statusCode: 400, message, ...extra });
}

export function unauthorized(message = INVALID_TOKEN_MESSAGE): GhlHttpError {
  return new GhlHttpError(401, { statusCode: 401, message, error: "Unauthorized" });
}

export function forbidden(message: string): GhlHttpError {
  return new GhlHttpError(403, { statusCode: 403, message, error: "Forbidden" });
}

export function notFound(message: string): GhlHttpError {
  return new GhlHttpError(404, { statusCode: 404, message, error: "Not Found" });
}

export function unprocessable(messages: string[]): GhlHttpError {
  return new GhlHttpError(422, { statusCode: 422, message: messages, error: "Unprocessable Entity" });
}

/** class-validator style messages ("pageLimit must not be greater than 500"), one per issue. */
export function zodMessages(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => `property ${[...issue.path, key].join(".")} should not exist`);
    }
    const field = issue.path.length ? issue.path.join(".") : "body";
    return [`${field}: ${issue.message}`];
  });
}

export function parseOr422<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw unprocessable(zodMessages(result.error));
  return result.data;
}

export interface RouteResponse {
  status: number;
  /** Serialized as JSON unless `text` is set. */
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): RouteResponse {
  return { status, body, headers };
}

export function redirect(location: string): RouteResponse {
  return { status: 302, headers: { location }, text: "" };
}
