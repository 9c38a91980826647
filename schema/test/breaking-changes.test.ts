import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSupergraphChanges, previousSupergraph, readDeclaredChanges, schemaChanges } from "../src";

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])';

/** A supergraph of one subgraph with these types. */
function supergraph(types: string): string {
  const result = composeServices([{ name: "one", url: "http://127.0.0.1:1/graphql", typeDefs: parse(`${FEDERATION_LINK}\n${types}`) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.supergraphSdl;
}

const BEFORE = supergraph(`
  type Query { project(id: ID!): Project, projects(first: Int): [Project!]! }
  type Project @key(fields: "id") { id: ID!, title: String!, code: String @deprecated(reason: "use id"), internal: String @inaccessible }
  enum Phase { IDEA, DONE, OLD @deprecated(reason: "gone") }
  input ProjectFilter { phase: Phase, legacy: String @deprecated(reason: "unused") }
  type Mutation { archive(id: ID!, filter: ProjectFilter): Project }
`);

describe("breaking changes of the API schema", () => {
  it("finds removed fields and stricter arguments; additions and @inaccessible fields do not count", async () => {
    const after = supergraph(`
      type Query { project(id: ID!): Project, projects(first: Int!): [Project!]!, added: Int }
      type Project @key(fields: "id") { id: ID!, code: String @deprecated(reason: "use id") }
      enum Phase { IDEA, DONE, OLD @deprecated(reason: "gone") }
      input ProjectFilter { phase: Phase, legacy: String @deprecated(reason: "unused") }
      type Mutation { archive(id: ID!, filter: ProjectFilter): Project }
    `);
    const changes = await schemaChanges(BEFORE, after);
    expect(changes.breaking.map((c) => `${c.type} ${c.path}`).sort()).toEqual(["FIELD_ARGUMENT_TYPE_CHANGED Query.projects.first", "FIELD_REMOVED Project.title"]);
    expect(changes.deprecated).toEqual([]);
    expect(changes.declared).toEqual([]);
  });

  it("lets go what the previous schema deprecated: fields, enum values, input fields", async () => {
    const after = supergraph(`
      type Query { project(id: ID!): Project, projects(first: Int): [Project!]! }
      type Project @key(fields: "id") { id: ID!, title: String! }
      enum Phase { IDEA, DONE }
      input ProjectFilter { phase: Phase }
      type Mutation { archive(id: ID!, filter: ProjectFilter): Project }
    `);
    const changes = await schemaChanges(BEFORE, after);
    expect(changes.breaking).toEqual([]);
    expect(changes.deprecated.map((c) => `${c.type} ${c.path}`).sort()).toEqual(["ENUM_VALUE_REMOVED Phase.OLD", "FIELD_REMOVED Project.code", "INPUT_FIELD_REMOVED ProjectFilter.legacy"]);
  });

  it("accepts a breaking change declared with a reason", async () => {
    const after = supergraph(`
      type Query { project(id: ID!): Project, projects(first: Int): [Project!]! }
      type Project @key(fields: "id") { id: ID!, title: String, code: String @deprecated(reason: "use id") }
      enum Phase { IDEA, DONE, OLD @deprecated(reason: "gone") }
      input ProjectFilter { phase: Phase, legacy: String @deprecated(reason: "unused") }
      type Mutation { archive(id: ID!, filter: ProjectFilter): Project }
    `);
    const declared = [{ type: "FIELD_TYPE_CHANGED", path: "Project.title", reason: "a failing subgraph costs its own fields only" }];
    const changes = await schemaChanges(BEFORE, after, declared);
    expect(changes.breaking).toEqual([]);
    expect(changes.declared.map((c) => c.message)).toEqual(["Field 'Project.title' changed type from 'String!' to 'String'"]);
  });

  it("refuses a declaration without a reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "hub-schema-"));
    try {
      const file = join(dir, "breaking-changes.json");
      writeFileSync(file, JSON.stringify([{ type: "FIELD_REMOVED", path: "Project.title" }]));
      expect(() => readDeclaredChanges(file)).toThrow("entry 0 has no reason");
      expect(readDeclaredChanges(join(dir, "missing.json"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the check against the previous commit", () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@hub.local", ...args], { cwd: dir, stdio: "pipe" }).toString();
  const file = () => join(dir, "supergraph.graphql");
  const declaredFile = () => join(dir, "breaking-changes.json");
  const commit = (sdl: string) => {
    writeFileSync(file(), sdl);
    git("add", "-A");
    git("commit", "-q", "-m", "schema");
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hub-schema-git-"));
    git("init", "-q");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const removed = () => BEFORE.replace(/\n\s*title: String!.*\n/, "\n");

  it("skips, saying so, without git history", async () => {
    writeFileSync(file(), BEFORE);
    expect(await checkSupergraphChanges({ file: file(), declaredFile: declaredFile() })).toEqual({ ok: true, lines: ["breaking-change check skipped: no commit has supergraph.graphql yet"] });
    commit(BEFORE);
    expect(await checkSupergraphChanges({ file: file(), declaredFile: declaredFile() })).toEqual({ ok: true, lines: ["breaking-change check skipped: no previous commit (a clone without history)"] });
    const outside = mkdtempSync(join(tmpdir(), "hub-schema-nogit-"));
    try {
      writeFileSync(join(outside, "supergraph.graphql"), BEFORE);
      expect(previousSupergraph(join(outside, "supergraph.graphql"))).toEqual({ skipped: "not in a git repository" });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("fails on a breaking change committed after the previous commit, or not committed yet, naming it", async () => {
    commit(BEFORE);
    expect(removed()).not.toEqual(BEFORE);
    writeFileSync(file(), removed());
    const uncommitted = await checkSupergraphChanges({ file: file(), declaredFile: declaredFile() });
    expect(uncommitted.ok).toBe(false);
    expect(uncommitted.lines.slice(0, 2)).toEqual(["breaking changes of the API against HEAD:", "- FIELD_REMOVED Project.title: Field 'title' was removed from object type 'Project'"]);
    commit(removed());
    const committed = await checkSupergraphChanges({ file: file(), declaredFile: declaredFile() });
    expect(committed.lines[0]).toBe("breaking changes of the API against HEAD~1:");
    // The next commit compares with that one: the break is behind it.
    commit(`${removed()}\n`);
    expect(await checkSupergraphChanges({ file: file(), declaredFile: declaredFile() })).toEqual({ ok: true, lines: ["no undeclared breaking change of the API against HEAD~1"] });
    // SCHEMA_BASE compares with any commit (a merge-base with main).
    expect((await checkSupergraphChanges({ file: file(), declaredFile: declaredFile(), base: "HEAD~2" })).ok).toBe(false);
    await expect(checkSupergraphChanges({ file: file(), declaredFile: declaredFile(), base: "no-such-branch" })).rejects.toThrow("SCHEMA_BASE: no commit no-such-branch");
  });

  it("passes a breaking change declared in breaking-changes.json, and says so", async () => {
    commit(BEFORE);
    writeFileSync(declaredFile(), JSON.stringify([{ type: "FIELD_REMOVED", path: "Project.title", reason: "no client reads it" }]));
    commit(removed());
    expect(await checkSupergraphChanges({ file: file(), declaredFile: declaredFile() })).toEqual({
      ok: true,
      lines: ["no undeclared breaking change of the API against HEAD~1", "declared breaking change: Field 'title' was removed from object type 'Project' (no client reads it)"],
    });
  });
});
