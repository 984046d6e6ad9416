import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * scripts/dev/next-dev-tuning.cjs, preloaded into `next dev` by `npm run dev`. Each case runs in
 * a fresh Node process, with the preload and without it (Next as shipped), so a patch that no
 * longer applies to this Next.js shows here.
 */
const root = path.resolve(import.meta.dirname, "../..");
const preload = path.join(root, "scripts/dev/next-dev-tuning.cjs");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "dev-tuning-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function runNode(script: string, { tuned, env = {} }: { tuned: boolean; env?: Record<string, string> }): unknown {
  const args = [...(tuned ? ["--require", preload] : []), "-e", script];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", ...env } });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop()!);
}

// Two requests for one dynamic route, against Next's own DevServer.getStaticPaths with a worker
// that counts how often it is started.
const staticParamsScript = `
  const DevServer = require("next/dist/server/dev/next-dev-server").default;
  const cache = new Map();
  let workers = 0;
  const server = {
    nextConfig: { experimental: {}, i18n: undefined },
    staticPathsCache: { get: (k) => cache.get(k), set: (k, v) => cache.set(k, v), remove: (k) => cache.delete(k) },
    getStaticPathsWorker() {
      workers++;
      return { loadStaticPaths: async () => ({ prerenderedRoutes: undefined, fallbackMode: undefined }), end() {} };
    },
  };
  const ask = () => DevServer.prototype.getStaticPaths.call(server, { pathname: "/agency/[slug]/admin", urlPathname: "/agency/x/admin", requestHeaders: {}, page: "/agency/[slug]/admin/page", isAppPath: true });
  (async () => {
    const first = await ask();
    await ask();
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(JSON.stringify({ workers, cached: cache.has("/agency/[slug]/admin"), answered: typeof first === "object" }));
  })();
`;

// An async hook installed the way React's development server renderer does (from Next's compiled
// runtime), and one installed by any other module.
function asyncHookScript() {
  const runtimeDir = path.join(scratch, "node_modules/next/dist/compiled/next-server");
  fs.mkdirSync(runtimeDir, { recursive: true });
  const hookFile = (file: string, counter: string) => {
    fs.writeFileSync(file, `require("node:async_hooks").createHook({ init() { globalThis.${counter} = (globalThis.${counter} || 0) + 1; } }).enable();\n`);
    return file;
  };
  const react = hookFile(path.join(runtimeDir, "app-page-turbo.runtime.dev.js"), "reactInits");
  const other = hookFile(path.join(scratch, "other-hook.js"), "otherInits");
  return `
    require(${JSON.stringify(react)});
    require(${JSON.stringify(other)});
    Promise.resolve().then(() => {
      console.log(JSON.stringify({ react: globalThis.reactInits || 0, other: globalThis.otherInits || 0 }));
    });
  `;
}

describe("npm run dev: Next's development server, tuned", () => {
  it("asks a dynamic route for its static params once, where Next as shipped starts a worker per request", () => {
    expect(runNode(staticParamsScript, { tuned: false })).toMatchObject({ workers: 2 });
    expect(runNode(staticParamsScript, { tuned: true })).toEqual({ workers: 1, cached: true, answered: true });
  });

  it("leaves React's per-promise async hook uninstalled, and every other module's hook working", () => {
    const script = asyncHookScript();
    const shipped = runNode(script, { tuned: false }) as { react: number; other: number };
    expect(shipped.react).toBeGreaterThan(0);
    expect(runNode(script, { tuned: true })).toEqual({ react: 0, other: shipped.other });
  });

  it("keeps React's async tracking with NEXT_DEV_ASYNC_DEBUG=1", () => {
    const tracked = runNode(asyncHookScript(), { tuned: true, env: { NEXT_DEV_ASYNC_DEBUG: "1" } }) as { react: number };
    expect(tracked.react).toBeGreaterThan(0);
  });

  it("has no page that exports generateStaticParams, which asking once relies on", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(tsx?|jsx?)$/.test(entry.name) && /\bgenerateStaticParams\b/.test(fs.readFileSync(file, "utf8"))) offenders.push(path.relative(root, file));
      }
    };
    walk(path.join(root, "app"));
    expect(offenders).toEqual([]);
  });
});
