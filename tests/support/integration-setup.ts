import { inject } from "vitest";

// Before any application module is imported: point lib/env at the suite's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATABASE_POOL_MAX = String(inject("databasePoolMax"));

const ghl = `http://127.0.0.1:${inject("ghlPort")}`;
process.env.GHL_API_BASE_URL = ghl;
process.env.GHL_AUTHORIZE_URL = `${ghl}/v2/oauth/chooselocation`;
process.env.GHL_CLIENT_ID = "sandbox-client-id";
process.env.GHL_CLIENT_SECRET = "sandbox-client-secret";
process.env.GHL_APP_ID = "sandbox-app-id";
process.env.GHL_APP_VERSION_ID = "sandbox-version-id";
process.env.GHL_WEBHOOK_PUBLIC_KEYS = inject("ghlPublicKeyPem");
process.env.GHL_REQUEST_TIMEOUT_MS = "2000";
// Retry quickly: tests provoke 429s and 5xx bursts on purpose.
process.env.GHL_RETRY_BASE_MS = "20";

// The Cal.com sandbox of each test file listens here.
process.env.CALCOM_API_BASE_URL = `http://127.0.0.1:${inject("calcomPort")}`;
process.env.CALCOM_REQUEST_TIMEOUT_MS = "2000";

// The Stripe stand-in of each test file listens here (tests/support/stripe.ts).
process.env.STRIPE_API_BASE_URL = `http://127.0.0.1:${inject("stripePort")}`;
process.env.STRIPE_SECRET_KEY = "sk_test_sandbox";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_integration_tests_only";
process.env.STRIPE_REQUEST_TIMEOUT_MS = "2000";
