/**
 * `npm run bench:dev-users`: five demo users signed in at once against a running `npm run dev`
 * (the embedded database by default), each walking the pages of their role over and over. Prints
 * p50/p95 per page and every failed request (a status other than 200, or a page that shows an
 * error). The first pass of every page is a warm-up (Next compiles on first request) and is not
 * measured.
 *
 *   BENCH_APP_URL   the running app (default http://127.0.0.1:3000)
 *   BENCH_ROUNDS    measured passes over each user's pages (default 8)
 *
 * Sign-in is the real one: a code is requested, read from /dev/mailbox, and exchanged for a
 * session cookie. Sessions are kept in .data/bench-sessions.json so repeated runs stay below the
 * per-address limit on sign-in codes.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DEMO_AGENCY, DEMO_CLINICS, DEMO_USERS } from "@/scripts/demo/data";

const APP_URL = (process.env.BENCH_APP_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SESSIONS_FILE = path.resolve(".data/bench-sessions.json");
const COOKIE = "sidecar.session_token";

const admin = `/agency/${DEMO_AGENCY.slug}/admin`;
const clinic = (id: string) => `/agency/${DEMO_AGENCY.slug}/clinic/${id}`;
const [austin, denver, miami] = DEMO_CLINICS;

const AGENCY_PAGES = [
  `${admin}`,
  `${admin}/dashboard`,
  `${admin}/contacts`,
  `${admin}/contacts?q=garcia`,
  `${admin}/calendar`,
  `${admin}/calendar?view=week`,
  `${admin}/inventory`,
  `${admin}/insights`,
  `${admin}/settings/team`,
  `${admin}/settings/integrations`,
];

/** Who walks which pages: the four roles of the demo, and a second front desk. */
const USERS: Array<{ email: string; label: string; pages: string[] }> = [
  { email: byRole("agency_owner"), label: "owner", pages: AGENCY_PAGES },
  { email: byRole("agency_admin"), label: "admin", pages: AGENCY_PAGES },
  {
    email: "casey@glowiv.example",
    label: "front desk (Austin)",
    pages: [clinic(austin.id), `${clinic(austin.id)}/contacts`, `${clinic(austin.id)}/supplies`, `${clinic(austin.id)}/supplies/count`],
  },
  {
    email: "jordan@hydrate.example",
    label: "front desk (Denver, Miami)",
    pages: [clinic(denver.id), clinic(miami.id), `${clinic(miami.id)}/contacts`, `${clinic(denver.id)}/supplies`],
  },
  { email: byRole("platform_admin"), label: "platform admin", pages: ["/platform", `/platform/agencies/${DEMO_AGENCY.id}`] },
];

function byRole(role: (typeof DEMO_USERS)[number]["role"]): string {
  return DEMO_USERS.find((user) => user.role === role)!.email;
}

/** The page template a URL stands for, so `/clinic/loc_austin` and `/clinic/loc_denver` count together. */
function pageLabel(url: string): string {
  return url.replace(`/agency/${DEMO_AGENCY.slug}`, "").replace(/\/clinic\/loc_[a-z]+/, "/clinic/[clinic]").replace(/\/agencies\/[^/?]+/, "/agencies/[id]");
}

function readSessions(): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(SESSIONS_FILE, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

function sessionCookie(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    if (pair?.startsWith(`${COOKIE}=`) && pair.length > COOKIE.length + 1) return pair;
  }
  return undefined;
}

async function post(route: string, body: unknown, cookie?: string) {
  return fetch(`${APP_URL}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_URL, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
    redirect: "manual",
  });
}

async function readCode(email: string, after: number): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const html = await (await fetch(`${APP_URL}/dev/mailbox?to=${encodeURIComponent(email)}`)).text();
    // Newest first; each card shows its ISO time after the address.
    const cards = [...html.matchAll(/(\d{4}-\d{2}-\d{2}T[\d:.]+Z)[\s\S]*?code is (\d{6})/g)];
    const fresh = cards.find((card) => Date.parse(card[1]!) >= after - 1_000);
    if (fresh) return fresh[2]!;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no sign-in code for ${email} arrived at /dev/mailbox`);
}

async function isSignedIn(cookie: string): Promise<boolean> {
  const response = await fetch(`${APP_URL}/auth/continue`, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  const location = response.headers.get("location") ?? "";
  return !location.includes("/login");
}

async function signIn(email: string, saved: string | undefined): Promise<string> {
  if (saved && (await isSignedIn(saved))) return saved;
  const requestedAt = Date.now();
  const sent = await post("/api/auth/email-otp/send-verification-otp", { email, type: "sign-in" });
  if (!sent.ok) throw new Error(`requesting a code for ${email} answered ${sent.status}: ${await sent.text()}`);
  const otp = await readCode(email, requestedAt);
  const signedIn = await post("/api/auth/sign-in/email-otp", { email, otp });
  const cookie = sessionCookie(signedIn);
  if (!signedIn.ok || !cookie) throw new Error(`signing in ${email} answered ${signedIn.status}: ${await signedIn.text()}`);
  return cookie;
}

interface Sample {
  page: string;
  ms: number;
}
interface Failure {
  user: string;
  url: string;
  reason: string;
}

async function visit(url: string, cookie: string): Promise<{ ms: number; failure?: string }> {
  const start = performance.now();
  let response: Response;
  let body: string;
  try {
    response = await fetch(`${APP_URL}${url}`, { headers: { cookie }, redirect: "manual" });
    body = await response.text();
  } catch (err) {
    return { ms: performance.now() - start, failure: err instanceof Error ? err.message : String(err) };
  }
  const ms = performance.now() - start;
  if (response.status !== 200) return { ms, failure: `HTTP ${response.status}${response.headers.get("location") ? ` → ${response.headers.get("location")}` : ""}` };
  // An error boundary answers 200 in development once streaming started; its text gives it away.
  if (/We couldn(&#x27;|')t load|Application error|Transaction API error|P2028/.test(body)) return { ms, failure: "the page rendered an error" };
  return { ms };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const health = await fetch(`${APP_URL}/api/health`).catch(() => undefined);
  if (!health?.ok) throw new Error(`nothing answers at ${APP_URL}/api/health: start \`npm run dev\` first`);

  const saved = readSessions();
  const cookies: Record<string, string> = {};
  for (const user of USERS) cookies[user.email] = await signIn(user.email, saved[user.email]);
  fs.mkdirSync(path.dirname(SESSIONS_FILE), { recursive: true });
  fs.writeFileSync(SESSIONS_FILE, JSON.stringify(cookies, null, 2));

  console.log(`Warm-up: one pass over every page (compiles them in development)…`);
  for (const user of USERS) for (const url of user.pages) await visit(url, cookies[user.email]!);

  console.log(`${USERS.length} users at once, ${ROUNDS} passes each over their pages, against ${APP_URL}`);
  const samples: Sample[] = [];
  const failures: Failure[] = [];
  const started = performance.now();
  await Promise.all(
    USERS.map(async (user) => {
      for (let round = 0; round < ROUNDS; round++) {
        for (const url of user.pages) {
          const { ms, failure } = await visit(url, cookies[user.email]!);
          samples.push({ page: pageLabel(url), ms });
          if (failure) failures.push({ user: user.label, url, reason: failure });
        }
      }
    }),
  );
  const wall = performance.now() - started;

  const byPage = new Map<string, number[]>();
  for (const sample of samples) byPage.set(sample.page, [...(byPage.get(sample.page) ?? []), sample.ms]);
  const rows = [...byPage.entries()].map(([page, times]) => {
    const sorted = times.sort((a, b) => a - b);
    return { page, n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
  });
  const width = Math.max(...rows.map((row) => row.page.length), 4);
  console.log(`\n${"page".padEnd(width)}  ${"n".padStart(4)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"max ms".padStart(8)}`);
  for (const row of rows) {
    console.log(`${row.page.padEnd(width)}  ${String(row.n).padStart(4)}  ${row.p50.toFixed(0).padStart(8)}  ${row.p95.toFixed(0).padStart(8)}  ${row.max.toFixed(0).padStart(8)}`);
  }
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  console.log(`${"all pages".padEnd(width)}  ${String(all.length).padStart(4)}  ${percentile(all, 50).toFixed(0).padStart(8)}  ${percentile(all, 95).toFixed(0).padStart(8)}  ${all.at(-1)!.toFixed(0).padStart(8)}`);
  console.log(`\n${samples.length} requests in ${(wall / 1000).toFixed(1)} s, errors: ${failures.length}`);
  for (const failure of failures.slice(0, 20)) console.log(`  ${failure.user} ${failure.url}: ${failure.reason}`);
  if (failures.length > 20) console.log(`  … and ${failures.length - 20} more`);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
