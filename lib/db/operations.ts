/** Prisma operations that take a `where` (reads, updates, deletes, upserts): both scopes filter them. */
export const WHERE_OPERATIONS: ReadonlySet<string> = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

/** Prisma operations that write new rows: both scopes stamp or check them. */
export const CREATE_OPERATIONS: ReadonlySet<string> = new Set(["create", "createMany", "createManyAndReturn"]);
