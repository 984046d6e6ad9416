/** Prisma operations that only read: a unit of work batches them into its shared read-only transaction. */
export const READ_OPERATIONS: ReadonlySet<string> = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);

/** Prisma operations that take a `where` (reads, updates, deletes, upserts): both scopes filter them. */
export const WHERE_OPERATIONS: ReadonlySet<string> = new Set([...READ_OPERATIONS, "update", "updateMany", "updateManyAndReturn", "delete", "deleteMany", "upsert"]);

/** Prisma operations that write new rows: both scopes stamp or check them. */
export const CREATE_OPERATIONS: ReadonlySet<string> = new Set(["create", "createMany", "createManyAndReturn"]);
