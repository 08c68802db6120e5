/**
 * `postgres://…` or `postgresql://…`: a store location (Store.location) that names a PostgreSQL
 * database; any other is a SQLite data folder. Kept apart from the PostgreSQL modules so that
 * code which only asks does not load the pg driver (~75 ms at every worker thread's start).
 */
export const isDatabaseUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);
