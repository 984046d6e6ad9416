import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** The Postgres extensions the migrations create, for every embedded PGlite database. */
export const PGLITE_EXTENSIONS = { pg_trgm };
