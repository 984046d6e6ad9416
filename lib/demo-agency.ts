/**
 * The demo agency that `npm run dev` and `npm run db:seed` create (scripts/demo/seed.ts). It lives
 * in lib because the home page links to it, and product code does not import dev tooling.
 */
export const DEMO_AGENCY = {
  id: "org_digital_desk",
  name: "Digital Desk",
  slug: "digital-desk",
  website: "https://digitaldesk.example",
} as const;
