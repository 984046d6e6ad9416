// Records, in package-lock.json, the other platforms' builds of packages that ship native
// binaries (next's swc, tailwind's oxide, the import resolver) when the registry this lockfile
// was written against does not serve them. Without these entries `npm ci` refuses the lockfile
// as out of sync; with them it installs this platform's build and skips the rest by os/cpu.
// Run after `npm install <package>`: node .ci/complete-lockfile.mjs
import fs from "node:fs";
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const pk = lock.packages;
let added = 0;
for (const entry of Object.values(pk)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pk[key]) continue;
    const m = name.match(/-(android|darwin|freebsd|linux|win32|openharmony|wasm32)-([a-z0-9]+)(?:-(gnu|musl|msvc|eabi|gnueabihf|musleabihf|wasi))?$/);
    if (!m) { console.error("cannot derive platform for", name); continue; }
    const [, os, cpu, abi] = m;
    const stub = { version: spec.replace(/^[\^~]/, ""), optional: true };
    if (entry.dev) stub.dev = true;
    if (os === "wasm32") stub.cpu = ["wasm32"]; else { stub.os = [os]; stub.cpu = [cpu === "ia32" ? "ia32" : cpu]; }
    if (abi === "gnu" || abi === "gnueabihf") stub.libc = ["glibc"];
    if (abi === "musl" || abi === "musleabihf") stub.libc = ["musl"];
    pk[key] = stub; added++;
  }
}
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log("added", added);
