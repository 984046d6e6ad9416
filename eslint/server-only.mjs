import fs from "node:fs";
import path from "node:path";

/**
 * Two rules that keep tenant data on the server:
 * - `server-only-with-db`: a file that touches the org-scoped client (imports anything from the
 *   database layer, `@/lib/db…`, or uses a context's `db`: `ctx.db`, `{ db }`) imports
 *   "server-only", so a client bundle that reached it fails the build instead of shipping it.
 * - `client-safe-imports`: a component imports values only from modules that do not import
 *   "server-only" (types are erased and may come from anywhere). What a component needs from
 *   lib lives in a client-safe module (names, sort lists, thresholds), and its data comes from
 *   the page.
 */

const isDatabaseLayer = (source) => source === "@/lib/db" || source.startsWith("@/lib/db/");

const serverOnlyWithDb = {
  meta: {
    type: "problem",
    docs: { description: "Files that touch the org-scoped client import server-only." },
    messages: {
      missing: 'This file {{why}}, so it is server code: add `import "server-only";` at the top, so no client bundle can ever include it.',
    },
    schema: [],
  },
  create(context) {
    let hasServerOnly = false;
    let touch = null;
    const note = (node, why) => {
      touch ??= { node, why };
    };
    const fromSource = (node) => {
      const source = node.source?.value;
      if (source === "server-only") hasServerOnly = true;
      else if (typeof source === "string" && isDatabaseLayer(source)) note(node, `imports ${source}`);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === "Literal" && typeof node.source.value === "string" && isDatabaseLayer(node.source.value)) note(node, `imports ${node.source.value}`);
      },
      MemberExpression(node) {
        if (!node.computed && node.property.type === "Identifier" && node.property.name === "db" && node.object.type === "Identifier") {
          note(node, `uses ${node.object.name}.db, the org-scoped client`);
        }
      },
      Property(node) {
        if (node.parent.type === "ObjectPattern" && !node.computed && node.key.type === "Identifier" && node.key.name === "db") note(node, "receives a context's db, the org-scoped client");
      },
      "Program:exit"() {
        if (touch && !hasServerOnly) context.report({ node: touch.node, messageId: "missing", data: { why: touch.why } });
      },
    };
  },
};

const serverOnlyFiles = new Map();

/** Whether the module `@/…` names imports "server-only" and is not a "use server" module (read once per lint run). */
function importsServerOnly(root, source) {
  const base = path.join(root, source.slice(2));
  for (const file of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (!serverOnlyFiles.has(file)) {
      const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
      // A "use server" module reaches the client as references to its actions, never as code.
      serverOnlyFiles.set(file, text === null ? null : !/^["']use server["']/.test(text) && /^import\s+["']server-only["'];?\s*$/m.test(text));
    }
    const known = serverOnlyFiles.get(file);
    if (known !== null) return known;
  }
  return false;
}

const clientSafeImports = {
  meta: {
    type: "problem",
    docs: { description: "Components import values only from client-safe modules." },
    messages: {
      serverModule: "{{source}} is server-only: a component receives its data from the page. Import only types from it, or move the helper you need into a client-safe module.",
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== "string" || !source.startsWith("@/") || node.importKind === "type") return;
        const values = node.specifiers.filter((s) => s.type !== "ImportSpecifier" || s.importKind !== "type");
        if (node.specifiers.length > 0 && values.length === 0) return;
        if (importsServerOnly(root, source)) context.report({ node, messageId: "serverModule", data: { source } });
      },
    };
  },
};

export const serverOnlyPlugin = { rules: { "server-only-with-db": serverOnlyWithDb, "client-safe-imports": clientSafeImports } };
