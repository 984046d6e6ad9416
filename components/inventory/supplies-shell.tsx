import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { SuppliesNav } from "@/components/inventory/supplies-nav";

/**
 * The frame of the clinic supplies pages: phone-first, one column. It leaves the site header
 * to the clinic's own layout.
 */
export function SuppliesShell({
  slug,
  clinic,
  title,
  canImport,
  children,
}: {
  slug: string;
  clinic: { id: string; name: string };
  title: string;
  canImport: boolean;
  children: React.ReactNode;
}) {
  const clinicHref = `/agency/${slug}/clinic/${clinic.id}`;
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4 px-4 py-6">
      <Link href={clinicHref} className="inline-flex items-center gap-1 self-start text-sm text-muted-foreground hover:underline">
        <ChevronLeft aria-hidden="true" className="size-4" /> {clinic.name}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-sm text-muted-foreground">Supplies · {clinic.name}</p>
      </div>
      <SuppliesNav base={`${clinicHref}/supplies`} canImport={canImport} />
      {children}
    </div>
  );
}
