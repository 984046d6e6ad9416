"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
}

/** Keyboard shortcuts of the calendar: ←/→ previous and next period, T today, D/W/M the views. */
export function CalendarKeyboard({ hrefs }: { hrefs: { previous: string; next: string; today: string; day: string; week: string; month: string } }) {
  const router = useRouter();
  useEffect(() => {
    const keys: Record<string, string> = {
      ArrowLeft: hrefs.previous,
      ArrowRight: hrefs.next,
      t: hrefs.today,
      d: hrefs.day,
      w: hrefs.week,
      m: hrefs.month,
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // A dialog open over the page owns the keyboard.
      if (document.querySelector("[role=alertdialog], [role=dialog]")) return;
      const href = keys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!href) return;
      event.preventDefault();
      router.push(href, { scroll: false });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [hrefs, router]);
  return null;
}
