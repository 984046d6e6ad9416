import { Badge, type BadgeProps } from "@/components/ui/badge";

const STATUS: Record<string, { label: string; variant: BadgeProps["variant"] }> = {
  new: { label: "Unconfirmed", variant: "outline" },
  confirmed: { label: "Confirmed", variant: "secondary" },
  showed: { label: "Checked in", variant: "success" },
  noshow: { label: "No-show", variant: "warning" },
  cancelled: { label: "Cancelled", variant: "destructive" },
  invalid: { label: "Invalid", variant: "destructive" },
};

export function AppointmentStatusBadge({ status }: { status: string }) {
  const { label, variant } = STATUS[status] ?? { label: status, variant: "outline" as const };
  return <Badge variant={variant}>{label}</Badge>;
}
