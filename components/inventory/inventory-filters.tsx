import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import type { TInventoryFilter } from "@/lib/inventory/schemas";

/** A plain GET form: the filters live in the URL, work without JavaScript and can be shared. */
export function InventoryFilters({
  filter,
  clinics,
  categories,
}: {
  filter: TInventoryFilter;
  clinics: Array<{ id: string; name: string }>;
  categories: string[];
}) {
  return (
    <form method="get" role="search" aria-label="Filter inventory" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto] lg:items-end">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="filter-q">Search</Label>
        <Input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="Name or SKU" />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="filter-clinic">Clinic</Label>
        <NativeSelect id="filter-clinic" name="clinic" defaultValue={filter.clinic ?? ""}>
          <option value="">All clinics</option>
          {clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="filter-category">Category</Label>
        <NativeSelect id="filter-category" name="category" defaultValue={filter.category ?? ""}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="filter-status">Show</Label>
        <NativeSelect id="filter-status" name="status" defaultValue={filter.status}>
          <option value="all">All items</option>
          <option value="low">Low stock</option>
          <option value="expiring">Expiring within 30 days</option>
        </NativeSelect>
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
