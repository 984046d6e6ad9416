import { inject } from "vitest";
import { startCalcomSandbox, type CalcomSandbox, type CalcomSandboxOptions } from "../sandboxes/calcom";
import { env } from "@/lib/env";

/** The suite's Cal.com sandbox, on the port the app was configured with. */
export function startSuiteCalcom(options: CalcomSandboxOptions = {}): Promise<CalcomSandbox> {
  return startCalcomSandbox({ port: inject("calcomPort"), ...options });
}

/**
 * Sends the sandbox's deliveries for Sidecar's registered URL to where the test serves the
 * route: same path and query, only the origin differs (APP_URL is not listening in tests).
 */
export function retargetWebhooks(sandbox: CalcomSandbox, servedUrl: string) {
  const origin = new URL(env.APP_URL).origin;
  for (const hook of sandbox.webhooks.values()) {
    if (hook.subscriberUrl.startsWith(origin)) hook.subscriberUrl = servedUrl + hook.subscriberUrl.slice(origin.length);
  }
}
