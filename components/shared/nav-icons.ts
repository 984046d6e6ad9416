import {
  Boxes,
  Building2,
  CalendarDays,
  ListTodo,
  ClipboardList,
  LayoutDashboard,
  MessageSquareText,
  Settings,
  Sparkles,
  Users,
  UserX,
} from "lucide-react";

/** Icons are named, not passed as components, so server layouts can hand nav items to the client nav. */
export const NAV_ICONS = {
  queue: ListTodo,
  dashboard: LayoutDashboard,
  contacts: Users,
  calendar: CalendarDays,
  inventory: Boxes,
  prevention: MessageSquareText,
  insights: Sparkles,
  noshows: UserX,
  settings: Settings,
  agencies: Building2,
  audit: ClipboardList,
} as const;

export type NavIconName = keyof typeof NAV_ICONS;
