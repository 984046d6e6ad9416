import { Badge } from "@/components/ui/badge";

/** Out, low (at or below the reorder point) or in stock, in words, so colour is never the only signal. */
export function StockBadge({ onHand, reorderPoint }: { onHand: number; reorderPoint: number }) {
  if (onHand === 0) return <Badge variant="destructive">Out of stock</Badge>;
  if (onHand <= reorderPoint) return <Badge variant="warning">Low stock</Badge>;
  return <Badge variant="success">In stock</Badge>;
}

export function formatDay(date: Date): string {
  return date.toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
}

export function daysFromNow(date: Date, now = new Date()): number {
  return Math.ceil((date.getTime() - now.getTime()) / 86_400_000);
}

/** "expires in 12 days" / "expired 3 days ago": the words a screen reader reads beside the date. */
export function expiryPhrase(date: Date, now = new Date()): string {
  const days = daysFromNow(date, now);
  if (days < 0) return `expired ${-days} day${days === -1 ? "" : "s"} ago`;
  if (days === 0) return "expires today";
  return `expires in ${days} day${days === 1 ? "" : "s"}`;
}
