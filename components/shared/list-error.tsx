"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

/** What a route's error.tsx shows: the failure in plain words and a way to try again. */
export function ListError({ what, error, reset }: { what: string; error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Card role="alert">
      <CardContent className="flex flex-col items-start gap-3 py-8">
        <p className="font-medium">{what} could not be loaded.</p>
        <p className="text-sm text-muted-foreground">
          This is usually brief. {error.digest ? `Reference ${error.digest}.` : ""}
        </p>
        <Button onClick={reset}>Try again</Button>
      </CardContent>
    </Card>
  );
}
