"use client";

import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";

/** The error state of the inventory pages: a plain sentence and a retry, never the error's text. */
export function InventoryError({ reset }: { reset: () => void }) {
  return (
    <Card role="alert" className="mx-auto my-6 w-full max-w-2xl">
      <CardContent className="flex flex-col items-center gap-3 py-12 text-center">
        <h2 className="text-lg font-medium">Supplies could not be loaded</h2>
        <p className="text-sm text-muted-foreground">Check your connection and try again. Nothing you saved was lost.</p>
        <Button onClick={reset}>Try again</Button>
      </CardContent>
    </Card>
  );
}
