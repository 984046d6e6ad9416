import { Badge, type BadgeProps } from "@/components/ui/badge";

const HEALTH: Record<string, { label: string; variant: BadgeProps["variant"] }> = {
  healthy: { label: "Healthy", variant: "success" },
  degraded: { label: "Degraded", variant: "warning" },
  error: { label: "Error", variant: "destructive" },
  pending: { label: "Waiting for first sync", variant: "secondary" },
  disconnected: { label: "Uninstalled in GoHighLevel", variant: "destructive" },
};

export function SyncHealthBadge({ health }: { health: string }) {
  const { label, variant } = HEALTH[health] ?? { label: health, variant: "outline" as const };
  return <Badge variant={variant}>{label}</Badge>;
}
