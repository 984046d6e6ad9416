/** Runs once when a server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkDatabaseRole, checkProductionConfig } = await import("./lib/startup/check-config");
    checkProductionConfig();
    void checkDatabaseRole();
    const { startWebhookDrain } = await import("./lib/startup/webhook-drain");
    startWebhookDrain();
  }
}
