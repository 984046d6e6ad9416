import { describe, expect, it } from "vitest";
import { trustedOriginsFor } from "@/lib/auth/origins";

describe("trustedOriginsFor", () => {
  it("trusts localhost and 127.0.0.1 as one server in development", () => {
    expect(trustedOriginsFor("http://localhost:3000", "development")).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
    expect(trustedOriginsFor("http://127.0.0.1:3100/", "test")).toEqual(["http://127.0.0.1:3100", "http://localhost:3100"]);
  });

  it("trusts only APP_URL in production or on a real host", () => {
    expect(trustedOriginsFor("http://localhost:3000", "production")).toEqual(["http://localhost:3000"]);
    expect(trustedOriginsFor("https://app.sidecar.example", "development")).toEqual(["https://app.sidecar.example"]);
  });
});
