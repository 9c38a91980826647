// Writes src/graphql-env.d.ts, the types gql.tada checks the app's operations against, from the
// committed supergraph's API schema (what the gateway serves: no @inaccessible field, no
// federation directive). With --check it writes nothing and fails when the file is stale, so
// the operations cannot drift from the schema (`npm run build -w web` runs it).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Supergraph } from "@apollo/federation-internals";
import { minifyIntrospection, outputIntrospectionFile } from "@gql.tada/internal";
import { introspectionFromSchema } from "graphql";

const supergraphPath = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));
const outputPath = fileURLToPath(new URL("../src/graphql-env.d.ts", import.meta.url));

const schema = Supergraph.build(readFileSync(supergraphPath, "utf8")).apiSchema().toGraphQLJSSchema();
const output = outputIntrospectionFile(minifyIntrospection(introspectionFromSchema(schema, { descriptions: false })), {
  fileType: ".d.ts",
  shouldPreprocess: true,
});

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(outputPath, "utf8");
  } catch {
    // Missing: stale.
  }
  if (current !== output) {
    console.error("web/src/graphql-env.d.ts is stale: run `npm run generate -w web` and commit it.");
    process.exit(1);
  }
} else {
  writeFileSync(outputPath, output);
  console.log(`wrote ${outputPath}`);
}
