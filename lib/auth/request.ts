import "server-only";
import { headers } from "next/headers";

/** The incoming request's headers (server components and actions). Tests replace this module. */
export async function requestHeaders(): Promise<Headers> {
  return new Headers(await headers());
}
