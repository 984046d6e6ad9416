import "server-only";
import { pingDatabase } from "@/lib/db";
import { healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET() {
  return healthResponse(pingDatabase);
}
