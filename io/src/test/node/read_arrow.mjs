// Reads an Arrow IPC file with the apache-arrow JavaScript library and prints it as JSON:
// {"schema": [[name, type], ...], "rows": n, "columns": {name: [values...]}}.
import { readFileSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";

const table = tableFromIPC(readFileSync(process.argv[2]));
const out = { schema: [], rows: table.numRows, columns: {} };
for (const field of table.schema.fields) {
  out.schema.push([field.name, String(field.type)]);
  const col = table.getChild(field.name);
  const values = [];
  for (let i = 0; i < table.numRows; i++) {
    const v = col.get(i);
    values.push(typeof v === "bigint" ? Number(v) : v);
  }
  out.columns[field.name] = values;
}
process.stdout.write(JSON.stringify(out));
