import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * First step of `npm test`: the browser tests need Debian's Chromium, and finding out after
 * ten minutes of typecheck, unit and integration tests is too late. Installs it when this
 * process may (root with apt-get), otherwise stops at once with the one command to run.
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const installCommand = "sudo apt-get update && sudo apt-get install -y chromium";

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

function canInstall(): boolean {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return isRoot && spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function main(): number {
  if (fs.existsSync(chromium)) return 0;
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH is set to ${chromium}, which does not exist: point it at a Chromium binary.`);
    return 1;
  }
  if (!canInstall()) {
    console.error(`The browser tests need Chromium at ${chromium}. Run: ${installCommand}`);
    return 1;
  }
  console.log(`Installing Debian's chromium for the browser tests (${chromium} is missing)…`);
  if (!run("apt-get", ["update", "-qq"]) || !run("apt-get", ["install", "-y", "-qq", "chromium"]) || !fs.existsSync(chromium)) {
    console.error(`Installing chromium failed. Run: ${installCommand}`);
    return 1;
  }
  return 0;
}

process.exit(main());
