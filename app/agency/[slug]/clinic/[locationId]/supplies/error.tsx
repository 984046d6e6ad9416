"use client";

import { InventoryError } from "@/components/inventory/inventory-error";

export default function SuppliesError({ reset }: { error: Error; reset: () => void }) {
  return <InventoryError reset={reset} />;
}
