import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/db/connection";
import { healthResponse } from "@/lib/health";

describe("GET /api/health", () => {
  it("answers 200 with status, db and version when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("answers 503 when the database is unreachable", async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const unreachable = new PrismaClient({ adapter: createAdapter("postgresql://postgres@127.0.0.1:9/none") });
    try {
      const response = await healthResponse(() => unreachable.$queryRaw`SELECT 1`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "degraded", db: "unreachable" });
    } finally {
      await unreachable.$disconnect();
    }
  });
});
