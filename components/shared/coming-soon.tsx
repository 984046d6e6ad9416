import { Construction } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";

/** A section that exists in the navigation but is not built yet says so plainly. */
export function ComingSoon({ section, description }: { section: string; description: string }) {
  return (
    <Card>
      <CardContent className="flex flex-col items-center gap-3 py-16 text-center">
        <Construction aria-hidden="true" className="size-8 text-muted-foreground" />
        <h2 className="text-lg font-medium">{section} is not built yet</h2>
        <p className="max-w-md text-sm text-muted-foreground">{description}</p>
      </CardContent>
    </Card>
  );
}
