import { redirect } from "next/navigation";
import { requireSessionPage } from "@/lib/entry/page-guards";
import { listDestinations } from "@/lib/auth/destinations";
import { safeNextPath } from "@/lib/auth/safe-next";

/** After sign-in: the page asked for, else the user's only destination, else the chooser. */
export default async function ContinuePage({ searchParams }: PageProps<"/auth/continue">) {
  const session = await requireSessionPage({ returnHere: false });
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null);
  if (next && !next.startsWith("/auth/continue")) redirect(next);
  const destinations = await listDestinations(session.user.id);
  if (destinations.length === 1) redirect(destinations[0]!.href);
  redirect("/select-agency");
}
