import type { CrossTenantFeature } from "./types";

/** The no-show scoring cron: only the scheduler's secret runs it; a session of any role is refused. */
export const noshow: CrossTenantFeature = {
  routes: {
    "app/api/cron/noshow/route.ts": ({ sessions }) => [
      { who: "ownerA", attempt: "score and retrain with a session instead of the cron secret", request: () => new Request("http://localhost:3000/api/cron/noshow", { headers: sessions.ownerA }), statuses: [401] },
      { who: "adminA", attempt: "score and retrain as an agency admin", request: () => new Request("http://localhost:3000/api/cron/noshow", { headers: sessions.adminA }), statuses: [401] },
      { who: "staffA", attempt: "score and retrain as clinic staff", request: () => new Request("http://localhost:3000/api/cron/noshow", { headers: sessions.staffA }), statuses: [401] },
      { who: "outsider", attempt: "score and retrain without the cron secret", request: () => new Request("http://localhost:3000/api/cron/noshow"), statuses: [401] },
    ],
  },
};
