import { prisma } from "@/lib/db/client";
import { healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET() {
  return healthResponse(prisma);
}
