/* eslint-disable @typescript-eslint/no-require-imports -- loaded by node --require, so CommonJS */
/**
 * Preloaded into `next dev`'s processes by `npm run dev` (NODE_OPTIONS=--require): two costs of
 * the development server that, with a handful of people signed in on two cores, left pages
 * waiting for CPU for seconds (a profile of five demo users: the two below took over half of
 * the server's CPU, and most of its garbage collection). Production (`next start`) has neither.
 *
 * 1. Static params asked once per route. For every request to a route with a dynamic segment
 *    (every agency and clinic page sits under /agency/[slug]), Next's dev server forks a process
 *    that loads the page's code to ask for generateStaticParams, and ends it: about 1.4 s of CPU
 *    each time, in the background after answering from its cache. Sidecar's pages never export
 *    generateStaticParams (tests/unit/dev-tuning.test.ts keeps it so), so the first answer holds
 *    for the session: this asks once per route, then answers from Next's own cache.
 *
 * 2. React's async debug tracking off. In development, React's server renderer installs an
 *    async hook that records a stack trace for every promise created while a page renders (what
 *    React DevTools shows as a component's awaited I/O). Every database query creates dozens.
 *    Set NEXT_DEV_ASYNC_DEBUG=1 to keep it when you need that view.
 *
 * Each patch applies only when Next's code has the shape it relies on; otherwise Next runs as
 * shipped.
 */
const Module = require("node:module");
const asyncHooks = require("node:async_hooks");

const DEV_SERVER = /next[\\/]dist[\\/]server[\\/]dev[\\/]next-dev-server\.js$/;
const REACT_SERVER_RUNTIME = /next[\\/]dist[\\/]compiled[\\/]next-server[\\/][\w-]+\.runtime\.dev\.js/;

function askStaticParamsOnce(exports) {
  const proto = exports && exports.default && exports.default.prototype;
  if (!proto || typeof proto.getStaticPaths !== "function" || proto.getStaticPaths.askedOnce) return;
  const ask = proto.getStaticPaths;
  function getStaticPathsOnce(options) {
    const cache = this.staticPathsCache;
    const cached = cache && typeof cache.get === "function" ? cache.get(options.pathname) : undefined;
    return cached ? Promise.resolve(cached) : ask.call(this, options);
  }
  getStaticPathsOnce.askedOnce = true;
  proto.getStaticPaths = getStaticPathsOnce;
}

const load = Module._load;
Module._load = function loadAndTune(request, parent, isMain) {
  const exports = load.apply(this, arguments);
  if (typeof request === "string" && request.includes("next-dev-server")) {
    try {
      if (DEV_SERVER.test(Module._resolveFilename(request, parent, isMain))) askStaticParamsOnce(exports);
    } catch {
      // Not the dev server's module after all.
    }
  }
  return exports;
};

/** A hook that is never enabled, for the caller that asked for one. */
const inertHook = { enable: () => inertHook, disable: () => inertHook };

if (process.env.NEXT_DEV_ASYNC_DEBUG !== "1") {
  const createHook = asyncHooks.createHook;
  asyncHooks.createHook = function createHookUnlessReactDebug(callbacks) {
    if (REACT_SERVER_RUNTIME.test(new Error().stack || "")) return inertHook;
    return createHook.call(this, callbacks);
  };
}
