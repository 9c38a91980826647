// Writes dist/persisted-operations.json: every GraphQL operation of the web app (the documents
// that src/*.ts export, built by gql.tada with their fragments), as an Apollo persisted-query
// manifest: { format, version, operations: [{ id: sha256 of body, name, type, body }] }. The
// gateway loads it from WEB_DIST: these operations are registered (trusted documents), so a
// programme's key limited to registered operations may run them, by hash or by text.
// `body` is the text urql SENDS, not the text written: its cache exchange adds `__typename` to
// every selection set (formatDocument) and its printer (stringifyDocument, @0no-co/graphql.web's
// print without blank lines) is not graphql-js's; both come from the @urql/core the app runs
// (pinned in package.json), and test/sent-operations.test.ts checks the result against what the
// app's own exchanges send. `npm run build -w web` runs it after vite's build.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatDocument, stringifyDocument } from "@urql/core";
import { runnerImport } from "vite";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const output = fileURLToPath(new URL("../dist/persisted-operations.json", import.meta.url));

const files = readdirSync(src).filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".d.ts") && readFileSync(src + name, "utf8").includes("graphql(`"));
const operations = new Map();
for (const file of files) {
  const { module } = await runnerImport(src + file);
  for (const value of Object.values(module)) {
    if (value?.kind !== "Document") continue;
    const operation = value.definitions.find((d) => d.kind === "OperationDefinition");
    if (!operation) continue;
    const body = stringifyDocument(formatDocument(value));
    const id = createHash("sha256").update(body).digest("hex");
    operations.set(id, { id, name: operation.name?.value ?? null, type: operation.operation, body });
  }
}
const manifest = { format: "apollo-persisted-query-manifest", version: 1, operations: [...operations.values()].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id)) };
writeFileSync(output, JSON.stringify(manifest, null, 2) + "\n");
console.log(`wrote ${output}: ${manifest.operations.length} operations`);
