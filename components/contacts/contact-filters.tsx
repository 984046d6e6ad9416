import Link from "next/link";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { CONTACT_SORTS, type ContactFilter } from "@/lib/contacts/filters";

/** A plain GET form: the filters live in the URL, so a filtered list can be shared or bookmarked. */
export function ContactFilters({
  action,
  filter,
  clinics,
  tags,
}: {
  action: string;
  filter: ContactFilter;
  clinics: Array<{ id: string; name: string }>;
  tags: string[];
}) {
  return (
    <form role="search" aria-label="Filter contacts" action={action} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto] lg:items-end">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="contacts-q">Search</Label>
        <div className="relative">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input id="contacts-q" name="q" type="search" placeholder="Name, email or phone" defaultValue={filter.q} className="pl-9" autoComplete="off" />
        </div>
      </div>
      {clinics.length > 1 && (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="contacts-clinic">Clinic</Label>
          <NativeSelect id="contacts-clinic" name="clinic" defaultValue={filter.clinic ?? ""}>
            <option value="">All clinics</option>
            {clinics.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="contacts-tag">Tag</Label>
        <NativeSelect id="contacts-tag" name="tag" defaultValue={filter.tag ?? ""}>
          <option value="">Any tag</option>
          {[...new Set([...(filter.tag ? [filter.tag] : []), ...tags])].map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="contacts-sort">Sort</Label>
        <NativeSelect id="contacts-sort" name="sort" defaultValue={filter.sort}>
          {Object.entries(CONTACT_SORTS).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" asChild>
          <Link href={action}>Clear</Link>
        </Button>
      </div>
    </form>
  );
}
