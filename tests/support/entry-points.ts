import fs from "node:fs";
import path from "node:path";
import type { Permission } from "@/lib/auth/permissions";

/**
 * Every server action and route handler, found in the code the way a reader finds them: the
 * suites that must cover all of them (cross-tenant isolation, read-only billing) enumerate here,
 * so a new action or route cannot slip past any of them.
 */

const ROOT = process.cwd();

export function listFiles(dir: string, match: (file: string) => boolean): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && match(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

export const actionFiles = () => listFiles("actions", (name) => name.endsWith(".ts"));
export const routeFiles = () => listFiles("app", (name) => name === "route.ts");

export function loadModule(file: string): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(ROOT, file));
}

export interface ActionEntry {
  /** "actions/<file>.ts#<export>" */
  key: string;
  kind: "orgAction" | "userAction" | "platformAction";
  /** The permission an orgAction asks for. */
  permission: Permission | null;
  allowedWhileReadOnly: boolean;
  fn: (...args: unknown[]) => Promise<{ ok: boolean; code?: string; error?: string }>;
}

/** Every exported action and how it is built, read from the source: the wrapper it calls, its permission, whether it opts out of read-only. */
export async function enumerateActions(): Promise<ActionEntry[]> {
  const entries: ActionEntry[] = [];
  for (const file of actionFiles()) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const loaded = await loadModule(file);
    const blocks = source.split(/^export const /m).slice(1);
    const declared = new Map(blocks.map((b) => [b.match(/^(\w+)/)![1]!, b]));
    for (const [name, value] of Object.entries(loaded)) {
      if (typeof value !== "function") continue;
      const block = declared.get(name);
      const kind = block?.match(/^\w+ = (orgAction|userAction|platformAction)\(/)?.[1] as ActionEntry["kind"] | undefined;
      if (!kind) throw new Error(`${file}#${name}: not built with orgAction, userAction or platformAction`);
      const permission = (block!.match(/permission: "([\w.]+)"/)?.[1] ?? null) as Permission | null;
      if (kind === "orgAction" && !permission) throw new Error(`${file}#${name}: an orgAction without a literal permission`);
      entries.push({ key: `${file}#${name}`, kind, permission, allowedWhileReadOnly: /whileReadOnly: "allowed"/.test(block!), fn: value as ActionEntry["fn"] });
    }
  }
  return entries;
}

/** The permission each route handler built with orgRoute asks for (null: not an agency route, such as webhooks and cron). */
export function routePermission(file: string): Permission | null {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  return (source.match(/orgRoute(?:<[^>]*>)?\(\s*"([\w.]+)"/)?.[1] ?? null) as Permission | null;
}
