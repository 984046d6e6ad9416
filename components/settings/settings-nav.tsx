import Link from "next/link";
import { cn } from "@/lib/utils";

export type SettingsSection = "team" | "security" | "audit" | "integrations" | "oversight" | "billing";

export function SettingsNav({ base, current, showAudit, showBilling }: { base: string; current: SettingsSection; showAudit: boolean; showBilling: boolean }) {
  const sections: { id: SettingsSection; label: string }[] = [
    { id: "team", label: "Team" },
    { id: "integrations", label: "Integrations" },
    { id: "security", label: "Security" },
    { id: "oversight", label: "Oversight" },
    ...(showBilling ? [{ id: "billing" as const, label: "Billing" }] : []),
    ...(showAudit ? [{ id: "audit" as const, label: "Audit log" }] : []),
  ];
  return (
    <nav aria-label="Settings" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 border-b">
        {sections.map((section) => (
          <li key={section.id}>
            <Link
              href={`${base}/${section.id}`}
              aria-current={current === section.id ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground",
                current === section.id && "border-primary text-foreground",
              )}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
