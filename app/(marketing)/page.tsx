import Link from "next/link";
import { CalendarDays, Boxes, LayoutDashboard, ShieldCheck, RefreshCw, Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Logo } from "@/components/shared/logo";
import { DEMO_AGENCY } from "@/lib/demo-agency";

const FEATURES = [
  { icon: LayoutDashboard, title: "One dashboard for every clinic", text: "Contacts, calendars, inventory and sync health across all the clinics you serve." },
  { icon: CalendarDays, title: "Simple pages for the front desk", text: "Today's schedule, one-tap check-in and quick-add contacts, made for a phone." },
  { icon: Boxes, title: "Supplies that never run out", text: "Log IV supply usage in two taps, see what runs low and when to reorder." },
  { icon: RefreshCw, title: "GoHighLevel stays the record", text: "Webhooks and a 15-minute sync keep a fast, faithful copy of each sub-account." },
  { icon: ShieldCheck, title: "Strict tenant isolation", text: "Every agency's patient data is fenced in the application and in the database." },
  { icon: Sparkles, title: "Insights, not busywork", text: "No-show risk, reorder predictions and plain-language answers over your own data." },
];

export default function HomePage() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Logo />
          <nav aria-label="Main" className="flex items-center gap-2">
            <Button variant="ghost" asChild>
              <Link href="/login">Sign in</Link>
            </Button>
            <Button asChild>
              <Link href={`/agency/${DEMO_AGENCY.slug}/admin`}>See the demo</Link>
            </Button>
          </nav>
        </div>
      </header>
      <main id="main" className="flex-1">
        <section className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="text-sm font-medium text-primary">For GoHighLevel agencies serving IV-therapy clinics and med spas</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">
            Run every clinic from one place. Your clinics never have to learn GHL.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-muted-foreground">
            Sidecar gives each clinic a few simple pages and gives your agency one dashboard over all of them, so support
            hours go down while your client list grows.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Button size="lg" asChild>
              <Link href={`/agency/${DEMO_AGENCY.slug}/admin`}>Open the demo agency</Link>
            </Button>
            <Button size="lg" variant="outline" asChild>
              <Link href="/login">Sign in</Link>
            </Button>
          </div>
        </section>
        <section aria-labelledby="features" className="border-t bg-card">
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
            <h2 id="features" className="text-2xl font-semibold">What Sidecar does</h2>
            <ul className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
              {FEATURES.map(({ icon: Icon, title, text }) => (
                <li key={title} className="rounded-lg border p-5">
                  <Icon aria-hidden="true" className="size-6 text-primary" />
                  <h3 className="mt-3 font-medium">{title}</h3>
                  <p className="mt-1 text-sm text-muted-foreground">{text}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>
      <footer className="border-t">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-muted-foreground sm:px-6">© Sidecar</div>
      </footer>
    </div>
  );
}
