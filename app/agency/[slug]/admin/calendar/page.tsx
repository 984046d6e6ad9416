import { ComingSoon } from "@/components/shared/coming-soon";
import { PageHeader } from "@/components/shared/page-header";
import { requireMemberPage } from "@/lib/auth/context";

export const metadata = { title: "Calendar" };

export default async function CalendarPage({ params }: PageProps<"/agency/[slug]/admin/calendar">) {
  const { slug } = await params;
  await requireMemberPage(slug, "agency.view");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Calendar" />
      <ComingSoon section="Calendar" description="Day, week and month views of every clinic's appointments, each in its own timezone." />
    </div>
  );
}
