import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** The end of every audit filter form: the UTC date range, Filter, and Clear back to `clearHref`. */
export function AuditFilterDates({ from, to, clearHref, actionsClassName = "flex gap-2" }: { from?: string; to?: string; clearHref: string; actionsClassName?: string }) {
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="audit-from">From</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={from} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="audit-to">To</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={to} />
      </div>
      <div className={actionsClassName}>
        <Button type="submit">Filter</Button>
        <Button variant="ghost" asChild>
          <Link href={clearHref}>Clear</Link>
        </Button>
      </div>
    </>
  );
}
