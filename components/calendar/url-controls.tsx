"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";

/**
 * Form controls whose value lives in the URL, so a view can be shared and survives a reload.
 * `query` is the page's current query; `clear` names params that no longer fit once this one
 * changes (a calendar of the previous clinic, say).
 */
function useUrlParam(query: Record<string, string>, param: string, clear: string[] = []) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const set = (value: string) => {
    const next = new URLSearchParams(query);
    for (const name of clear) next.delete(name);
    if (value) next.set(param, value);
    else next.delete(param);
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };
  return { set, pending };
}

export function UrlSelect({
  id,
  query,
  param,
  value,
  options,
  clear,
  placeholder,
  className,
  ...aria
}: {
  id?: string;
  query: Record<string, string>;
  param: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  clear?: string[];
  placeholder?: string;
  className?: string;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const { set, pending } = useUrlParam(query, param, clear);
  return (
    <NativeSelect id={id} value={value} onChange={(e) => set(e.target.value)} aria-busy={pending || undefined} className={className} {...aria}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </NativeSelect>
  );
}

export function UrlDateInput({ id, query, param, value, clear, ...aria }: { id?: string; query: Record<string, string>; param: string; value: string; clear?: string[]; "aria-invalid"?: boolean; "aria-describedby"?: string }) {
  const { set, pending } = useUrlParam(query, param, clear);
  return <Input id={id} type="date" value={value} required onChange={(e) => e.target.value && set(e.target.value)} aria-busy={pending || undefined} {...aria} />;
}

/** A search box that updates the URL a moment after typing stops. */
export function UrlSearchInput({ id, query, param, value, placeholder, ...aria }: { id?: string; query: Record<string, string>; param: string; value: string; placeholder?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) {
  const { set, pending } = useUrlParam(query, param);
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Input
      id={id}
      type="search"
      autoComplete="off"
      value={text}
      placeholder={placeholder}
      aria-busy={pending || undefined}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => set(next.trim()), 300);
      }}
      onKeyDown={(e) => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        clearTimeout(timer.current);
        set(text.trim());
      }}
      {...aria}
    />
  );
}
