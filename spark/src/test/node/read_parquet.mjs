// Prints a Parquet file as JSON lines: first the column names, then one array per row.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';

const file = await asyncBufferFromFile(process.argv[2]);
const meta = await parquetMetadataAsync(file);
const names = meta.schema.slice(1).map(s => s.name);
console.log(JSON.stringify(names));
const rows = await parquetReadObjects({ file });
for (const r of rows) {
  console.log(JSON.stringify(names.map(n => typeof r[n] === 'bigint' ? Number(r[n]) : r[n])));
}
