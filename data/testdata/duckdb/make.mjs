// make.mjs writes the DuckDB fixtures of this directory: Parquet and CSV
// files from an independent writer (DuckDB, not Arrow for Go), with the
// column types real exports carry. Regenerate them with
//
//	npm install @duckdb/node-api@1.1.3-alpha.7
//	node make.mjs
//
// (run where node_modules is, with this directory as the working directory).
import { DuckDBInstance } from '@duckdb/node-api';

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const run = (sql) => con.run(sql);

await run(`SET TimeZone = 'Europe/Stockholm'`);
// Hourly rows across the autumn change of 2023 (29 October, 03:00 CEST ->
// 02:00 CET): the instants are UTC 23:00 on the 28th onwards.
await run(`CREATE TABLE t AS
  SELECT
    TIMESTAMPTZ '2023-10-28 23:00:00+00' + i * INTERVAL 1 HOUR AS start,
    (TIMESTAMP '2023-10-29 00:00:00' + i * INTERVAL 1 HOUR) AS naive,
    (DATE '2023-10-27' + i::INTEGER) AS day,
    (i % 100)::TINYINT AS tiny,
    (i * 300)::SMALLINT AS small,
    (200 + i)::UTINYINT AS utiny,
    (60000 + i)::USMALLINT AS usmall,
    (i * 12.25)::DECIMAL(9,2) AS amount,
    (i * 1000.125)::DECIMAL(18,3) AS revenue,
    (i * 7.5)::DECIMAL(38,4) AS wide,
    (10 + i)::INTEGER AS calls,
    (i * 1000000000)::BIGINT AS big,
    i / 4.0 AS ratio,
    'q' || (i % 2) AS queue
  FROM range(6) r(i)`);
await run(`COPY t TO 'types.parquet' (FORMAT parquet)`);
// One null in each numeric type: a missing value, not zero.
await run(`COPY (SELECT start, NULL::TINYINT AS tiny, NULL::DECIMAL(9,2) AS amount, NULL::DATE AS day FROM t LIMIT 1)
  TO 'nulls.parquet' (FORMAT parquet)`);
// A daily series keyed by a DATE column, as daily exports are.
await run(`COPY (SELECT (DATE '2023-03-24' + i::INTEGER) AS day, (100 + i)::SMALLINT AS orders
  FROM range(5) r(i)) TO 'daily.parquet' (FORMAT parquet)`);
// DuckDB prints a TIMESTAMPTZ in CSV as 2023-10-29 02:00:00+01: an offset
// of hours only, as PostgreSQL does.
await run(`COPY (SELECT start, calls FROM t) TO 'offsets.csv' (FORMAT csv, HEADER)`);
const r = await con.runAndReadAll(`SELECT version()`);
console.log('written with DuckDB', r.getRows()[0][0]);
