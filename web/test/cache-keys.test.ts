import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { isObjectType } from "graphql";
import { EMBEDDED_TYPES, KEY_FIELDS } from "../src/cache-keys";

// The API schema, as the gateway serves it (and as src/graphql-env.d.ts is made from).
const schema = Supergraph.build(readFileSync(join(__dirname, "../../schema/supergraph.graphql"), "utf8"))
  .apiSchema()
  .toGraphQLJSSchema();
const objectTypes = Object.values(schema.getTypeMap())
  .filter(isObjectType)
  .filter((type) => !type.name.startsWith("__") && !["Query", "Mutation", "Subscription"].includes(type.name));

describe("urql's cache keys", () => {
  it("stores every object type without an id inside its holder, or knows its key field", () => {
    const withoutKey = objectTypes.filter((type) => !("id" in type.getFields()) && !Object.keys(KEY_FIELDS).includes(type.name)).map((type) => type.name);
    expect(withoutKey.filter((name) => !(EMBEDDED_TYPES as readonly string[]).includes(name))).toEqual([]);
  });

  it("names only types of the schema, with their key field", () => {
    const names = new Set(objectTypes.map((type) => type.name));
    expect(EMBEDDED_TYPES.filter((name) => !names.has(name))).toEqual([]);
    for (const [type, field] of Object.entries(KEY_FIELDS)) {
      const found = schema.getType(type);
      expect(isObjectType(found) && found.getFields()[field]).toBeTruthy();
    }
  });

  it("keeps a funding opportunity inside its list: its score and reasons are those of one project", () => {
    expect(EMBEDDED_TYPES).toContain("FundingOpportunity");
  });
});
