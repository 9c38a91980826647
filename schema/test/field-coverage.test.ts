import { Supergraph } from "@apollo/federation-internals";
import { isObjectType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from "graphql";
import { CAMILLE, startHub, type Hub } from "../../gateway/test/support/hub";
import { readSupergraph } from "../src";

/**
 * Every field of the composed API is selected by one of these operations, and each runs
 * through the real gateway without error: a field that composes but cannot be resolved fails.
 */
const TOUR: { name: string; query: string; variables?: (ctx: { projectId: string; cursor: string }) => Record<string, unknown> }[] = [
  {
    name: "project fiche",
    query: `query Tour($id: ID!) {
      project(id: $id) {
        id title description status themes createdAt updatedAt version
        territory { id kind code name population siren postalCodes departement { id } region { id } epcis { id }
          stats { projectCount byStatus { status count } } }
        owner { id kind name siret territory { id } }
        createdBy { id email givenName usualName status name organization { id } }
        fundingOpportunities(first: 2) {
          edges { cursor node { id name url kind financers aidTypes categories perimeter submissionDeadline subventionRateUpperBound } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
        activity(first: 5) { edges { cursor node { id at kind summary actor { id } project { id } } } pageInfo { hasNextPage } }
      }
    }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "lists and lookups",
    query: `query Lists($after: String) {
      projects(first: 5, filter: { territoryId: "DEPARTEMENT:63" }) { edges { cursor node { id } } pageInfo { endCursor } }
      activities(first: 5, after: $after) { edges { node { id } } }
      territories(search: "clermont", kind: COMMUNE, first: 3) { edges { cursor node { id members(first: 2) { edges { node { id } } } } } pageInfo { hasNextPage } }
      territory(id: "EPCI:246300701") { name members(first: 3) { edges { node { name } } pageInfo { hasNextPage } } }
      organization(id: "DDT:63") { id name kind }
      me { id }
      fundingOpportunity(id: "AT:150000") { id name }
      portfolio(territoryId: "REGION:84") { projectCount byStatus { status count } }
    }`,
    variables: () => ({ after: "0" }),
  },
];

function apiSchema(): GraphQLSchema {
  return Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();
}

function allFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith("__"))
    .flatMap((type) => Object.keys((type as import("graphql").GraphQLObjectType).getFields()).map((field) => `${type.name}.${field}`))
    .sort();
}

function selectedFields(schema: GraphQLSchema, query: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const fields: string[] = [];
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && !node.name.value.startsWith("__")) fields.push(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return fields;
}

describe("every composed field resolves through the gateway", () => {
  let hub: Hub;
  let token: string;
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    token = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Tour du graphe", territoryId: "COMMUNE:63113", themes: ["eau"], description: "Couverture" }) { id } }`,
      {},
      token,
    );
    expect(created.errors).toBeUndefined();
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  it("the tour selects every field of the API schema", () => {
    const schema = apiSchema();
    const covered = new Set([...TOUR.flatMap((op) => selectedFields(schema, op.query)), "Mutation.createProject"]);
    expect(allFields(schema).filter((field) => !covered.has(field))).toEqual([]);
  });

  it.each(TOUR.map((op) => [op.name, op] as const))("%s runs without errors", async (_name, op) => {
    const response = await hub.query(op.query, op.variables?.({ projectId, cursor: "" }) ?? {}, token);
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
  });
});
