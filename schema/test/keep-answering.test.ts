import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { keepAnsweringViolations, readSupergraph } from "../src";

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@shareable", "@inaccessible"])';

/** A supergraph of two subgraphs: `places` owns territories, `work` owns projects and references territories. */
function supergraph(places: string, work: string): string {
  const result = composeServices([
    { name: "places", url: "http://127.0.0.1:1/graphql", typeDefs: parse(`${LINK}\n${places}`) },
    { name: "work", url: "http://127.0.0.1:2/graphql", typeDefs: parse(`${LINK}\n${work}`) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.supergraphSdl;
}

const PLACES = `
  type Query { territory(id: ID!): Territory }
  type Territory @key(fields: "id") { id: ID!, name: String!, parent: Territory }
`;

describe("keep answering: a field another subgraph resolves is nullable", () => {
  it("accepts references that are nullable, and fields a subgraph resolves alone", () => {
    const sdl = supergraph(
      PLACES,
      `
      type Query { projects: [Project!]! }
      type Project @key(fields: "id") { id: ID!, title: String!, territory: Territory, actors: [Territory!], tags: [String!]! }
      type Territory @key(fields: "id", resolvable: false) { id: ID! }
    `,
    );
    expect(keepAnsweringViolations(sdl)).toEqual([]);
  });

  it("refuses a non-null reference to an entity whose non-null fields another subgraph resolves, a list's own non-null included", () => {
    const sdl = supergraph(
      PLACES,
      `
      type Query { projects: [Project!]! }
      type Project @key(fields: "id") { id: ID!, territory: Territory!, actors: [Territory]!, territoryIds: [ID!]! }
      type Territory @key(fields: "id", resolvable: false) { id: ID! }
    `,
    );
    const violations = keepAnsweringViolations(sdl);
    expect(violations.map((v) => [v.field, v.graph])).toEqual([
      ["Project.territory", "work"],
      ["Project.actors", "work"],
    ]);
    expect(violations[0].missing).toEqual(["Territory.name (places)"]);
    expect(violations[0].message).toBe("Project.territory (work) is non-null but another subgraph resolves Territory.name (places): make Project.territory nullable, or those fields");
  });

  it("refuses a non-null field that a subgraph adds to another's type, through the owner's references to it", () => {
    const sdl = supergraph(
      PLACES,
      `
      type Territory @key(fields: "id") { id: ID!, projectCount: Int! }
    `,
    );
    expect(keepAnsweringViolations(sdl)).toEqual([]); // places only returns territories through nullable fields
    const withReference = supergraph(
      `
      type Query { territory(id: ID!): Territory, territories: [Territory!]! }
      type Territory @key(fields: "id") { id: ID!, name: String!, parent: Territory! }
    `,
      `
      type Territory @key(fields: "id") { id: ID!, projectCount: Int! }
    `,
    );
    expect(keepAnsweringViolations(withReference).map((v) => `${v.field}: ${v.missing.join()}`)).toEqual([
      "Query.territories: Territory.projectCount (work)",
      "Territory.parent: Territory.projectCount (work)",
    ]);
  });

  it("refuses a non-null field computed with @requires", () => {
    const sdl = supergraph(
      `
      type Query { projects: [Project!]! }
      type Project @key(fields: "id") { id: ID!, budget: Int }
    `,
      `
      type Project @key(fields: "id") { id: ID!, budget: Int @external, fundingRate: Float! @requires(fields: "budget"), label: String @requires(fields: "budget") }
    `,
    );
    expect(keepAnsweringViolations(sdl).map((v) => v.message)).toEqual([
      'Project.fundingRate (work) @requires "budget" from another subgraph: make it nullable',
      // and the owner's list of projects, which would be nulled whole by a missing fundingRate
      "Query.projects (places) is non-null but another subgraph resolves Project.fundingRate (work): make Query.projects nullable, or those fields",
    ]);
  });

  it("looks into the members of a union and the implementations of an interface", () => {
    const sdl = supergraph(
      PLACES,
      `
      type Query { result: Result!, node: Node! }
      union Result = Done | Failed
      interface Node { id: ID! }
      type Done implements Node { id: ID!, territory: Territory! }
      type Failed implements Node { id: ID!, message: String! }
      type Territory @key(fields: "id", resolvable: false) { id: ID! }
    `,
    );
    expect(keepAnsweringViolations(sdl).map((v) => v.field)).toEqual(["Done.territory"]);
  });

  it("holds for the committed supergraph", () => {
    expect(keepAnsweringViolations(readSupergraph()).map((v) => v.message)).toEqual([]);
  });
});
