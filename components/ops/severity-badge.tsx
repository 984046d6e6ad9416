import { Badge } from "@/components/ui/badge";

const VARIANT = { critical: "destructive", high: "warning", medium: "secondary", low: "outline" } as const;
const LABEL: Record<string, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge variant={VARIANT[severity as keyof typeof VARIANT] ?? "outline"}>{LABEL[severity] ?? severity}</Badge>;
}
