import { env } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function write(level: Level, fields: Record<string, unknown>, message: string) {
  if (ORDER[level] < ORDER[env.LOG_LEVEL]) return;
  const entry = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, serialize(v)]));
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...entry });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

/** One JSON line per event, so a log drain can search by field. */
export const log = {
  debug: (fields: Record<string, unknown>, message: string) => write("debug", fields, message),
  info: (fields: Record<string, unknown>, message: string) => write("info", fields, message),
  warn: (fields: Record<string, unknown>, message: string) => write("warn", fields, message),
  error: (fields: Record<string, unknown>, message: string) => write("error", fields, message),
};
