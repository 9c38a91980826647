import { Client, makeResult, type Exchange, type Operation, type OperationResult } from "@urql/core";
import { filter, fromValue, makeSubject, mergeMap, pipe, subscribe, type Source, type Subject } from "wonka";
import { createCacheExchange } from "../src/graphql-cache";
import { PEOPLE_QUERY, PERSON_CHANGED_SUBSCRIPTION, SUSPEND_PERSON_MUTATION } from "../src/administration-operations";
import { PROJECT_LIST_ACTIVITY_SUBSCRIPTION, PROJECT_LIST_QUERY, type ProjectListData } from "../src/project-list-query";

/** A project as the list's rows and events carry it, with the typenames the cache needs. */
const project = (id: string, title: string, status: string, createdAt: string) => ({
  __typename: "Project",
  id,
  title,
  status,
  themes: ["eau"],
  unreadCount: 0,
  createdAt,
  territory: { __typename: "Territory", id: "COMMUNE:63113", name: "Clermont-Ferrand", departement: { __typename: "Territory", id: "DEPARTEMENT:63", name: "Puy-de-Dôme" } },
  owner: { __typename: "Organization", id: "COLLECTIVITE:216301135", name: "Commune de Clermont-Ferrand" },
});
type Row = ReturnType<typeof project>;

const page = (rows: Row[], hasNextPage = false) => ({
  projects: {
    __typename: "ProjectConnection",
    edges: rows.map((node) => ({ __typename: "ProjectEdge", cursor: node.id, node })),
    pageInfo: { __typename: "PageInfo", hasNextPage, endCursor: rows.at(-1)?.id ?? null },
  },
});

/**
 * The server, as an exchange after the cache: queries and mutations answered by `answer` (and
 * counted by operation name), subscriptions fed by `events`.
 */
function fakeServer(answer: (operation: Operation) => unknown) {
  const events: Subject<OperationResult> = makeSubject();
  const sent: string[] = [];
  const exchange: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => operation.kind !== "teardown"),
      mergeMap((operation) => {
        if (operation.kind === "subscription") return events.source;
        const name = operation.query.definitions.map((d) => ("name" in d ? d.name?.value : "")).find(Boolean) ?? "";
        sent.push(name);
        return fromValue(makeResult(operation, { data: answer(operation) as Record<string, unknown> }));
      }),
    );
  return { exchange, sent, events };
}

/** The latest result of a watched query, and how many results it produced. */
function watch<T>(source: Source<OperationResult<T>>): { data: T | undefined; results: number } {
  const seen: { data: T | undefined; results: number } = { data: undefined, results: 0 };
  pipe(
    source,
    subscribe((result) => {
      seen.data = result.data;
      seen.results++;
    }),
  );
  return seen;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

const titles = (data: ProjectListData | undefined) => data?.projects.edges.map((edge) => `${edge.node.title} (${edge.node.status})`);

describe("urql's cache and the lists of projects and people", () => {
  it("shows an event's project in place in the list, and reads the list again when a project may enter or leave it", async () => {
    const older = project("p1", "Maison de santé", "SUBMITTED", "2026-11-01T10:00:00.000Z");
    let rows: Row[] = [older];
    const server = fakeServer((operation) => ((operation.variables as { filter?: { status?: string } }).filter?.status ? page(rows.filter((r) => r.status === "SUBMITTED")) : page(rows)));
    const client = new Client({ url: "http://hub.test/graphql", exchanges: [createCacheExchange(), server.exchange] });
    const all = watch(client.query(PROJECT_LIST_QUERY, { first: 20, after: null, filter: {} }, { requestPolicy: "cache-and-network" }));
    const submitted = watch(client.query(PROJECT_LIST_QUERY, { first: 20, after: null, filter: { status: "SUBMITTED" } }, { requestPolicy: "cache-and-network" }));
    await until(() => titles(all.data)?.length === 1 && titles(submitted.data)?.length === 1);
    pipe(
      client.subscription(PROJECT_LIST_ACTIVITY_SUBSCRIPTION, { after: null }),
      subscribe(() => undefined),
    );
    const reads = () => server.sent.filter((name) => name === "ProjectList").length;
    expect(reads()).toBe(2);

    // Renamed elsewhere: the unfiltered list shows it from the event alone; the filtered one, which it may have left, is read again.
    const renamed = { ...older, title: "Maison de santé pluriprofessionnelle" };
    rows = [renamed];
    server.events.next(
      makeResult(client.createRequestOperation("subscription", { key: 1, query: PROJECT_LIST_ACTIVITY_SUBSCRIPTION, variables: {} }), {
        data: { projectActivity: { __typename: "Activity", id: "10", kind: "PROJECT_UPDATED", project: renamed } },
      }),
    );
    await until(() => titles(all.data)?.[0] === "Maison de santé pluriprofessionnelle (SUBMITTED)");
    await until(() => reads() === 3);
    expect(titles(submitted.data)).toEqual(["Maison de santé pluriprofessionnelle (SUBMITTED)"]);

    // Qualified: it leaves the filtered list (read again), stays in the other with its new status.
    const qualified = { ...renamed, status: "QUALIFIED" };
    rows = [qualified];
    server.events.next(
      makeResult(client.createRequestOperation("subscription", { key: 1, query: PROJECT_LIST_ACTIVITY_SUBSCRIPTION, variables: {} }), {
        data: { projectActivity: { __typename: "Activity", id: "11", kind: "STATUS_CHANGED", project: qualified } },
      }),
    );
    await until(() => titles(submitted.data)?.length === 0);
    expect(titles(all.data)).toEqual(["Maison de santé pluriprofessionnelle (QUALIFIED)"]);
    expect(reads()).toBe(4);

    // Created elsewhere (a draft, newer): the unfiltered list is read again and shows it first.
    const created = project("p2", "Piste cyclable", "DRAFT", "2026-12-01T10:00:00.000Z");
    rows = [created, qualified];
    server.events.next(
      makeResult(client.createRequestOperation("subscription", { key: 1, query: PROJECT_LIST_ACTIVITY_SUBSCRIPTION, variables: {} }), {
        data: { projectActivity: { __typename: "Activity", id: "12", kind: "PROJECT_CREATED", project: created } },
      }),
    );
    await until(() => titles(all.data)?.length === 2);
    expect(titles(all.data)).toEqual(["Piste cyclable (DRAFT)", "Maison de santé pluriprofessionnelle (QUALIFIED)"]);
  });

  it("reads the lists of people again after a suspension", async () => {
    let status = "ACTIVE";
    const person = () => ({
      __typename: "Person",
      id: "u1",
      name: "Julien Bernard",
      email: "julien.bernard@ddt63.demo",
      status,
      memberships: [{ __typename: "Membership", role: "STATE_AGENT", organization: { __typename: "Organization", id: "DDT:63", name: "DDT 63" } }],
    });
    const server = fakeServer((operation) => {
      if (operation.kind === "mutation") {
        status = "SUSPENDED";
        return { suspendPerson: { __typename: "Person", id: "u1", status } };
      }
      const wanted = (operation.variables as { filter?: { status?: string } }).filter?.status;
      const people = !wanted || wanted === status ? [person()] : [];
      return {
        people: { __typename: "PersonConnection", edges: people.map((node) => ({ __typename: "PersonEdge", node })), pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null } },
      };
    });
    const client = new Client({ url: "http://hub.test/graphql", exchanges: [createCacheExchange(), server.exchange] });
    const active = watch(client.query(PEOPLE_QUERY, { filter: { status: "ACTIVE" }, first: 50, after: null }, { requestPolicy: "cache-and-network" }));
    await until(() => active.data?.people.edges.length === 1);
    await client.mutation(SUSPEND_PERSON_MUTATION, { id: "u1" }).toPromise();
    await until(() => active.data?.people.edges.length === 0);
    expect(server.sent.filter((name) => name === "People")).toHaveLength(2);
  });

  it("writes a person changed elsewhere in place, and reads again the lists a person may enter or leave", async () => {
    const julien = { id: "u1", name: "Julien Bernard", email: "julien.bernard@ddt63.demo", status: "ACTIVE" };
    let accounts = [julien];
    const asRow = (account: typeof julien) => ({
      __typename: "Person",
      ...account,
      memberships: [{ __typename: "Membership", role: "STATE_AGENT", organization: { __typename: "Organization", id: "DDT:63", name: "DDT 63" } }],
    });
    const server = fakeServer((operation) => {
      const wanted = (operation.variables as { filter?: { status?: string | null } }).filter?.status;
      const people = accounts.filter((account) => !wanted || wanted === account.status).map(asRow);
      return {
        people: { __typename: "PersonConnection", edges: people.map((node) => ({ __typename: "PersonEdge", node })), pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null } },
      };
    });
    const client = new Client({ url: "http://hub.test/graphql", exchanges: [createCacheExchange(), server.exchange] });
    const all = watch(client.query(PEOPLE_QUERY, { filter: {}, first: 50, after: null }, { requestPolicy: "cache-and-network" }));
    const suspended = watch(client.query(PEOPLE_QUERY, { filter: { status: "SUSPENDED" }, first: 50, after: null }, { requestPolicy: "cache-and-network" }));
    await until(() => all.data?.people.edges.length === 1 && suspended.data?.people.edges.length === 0);
    pipe(
      client.subscription(PERSON_CHANGED_SUBSCRIPTION, {}),
      subscribe(() => undefined),
    );
    const reads = () => server.sent.filter((name) => name === "People").length;
    const changed = (account: typeof julien) =>
      server.events.next(makeResult(client.createRequestOperation("subscription", { key: 2, query: PERSON_CHANGED_SUBSCRIPTION, variables: {} }), { data: { personChanged: asRow(account) } }));
    const rows = (data: typeof all.data) => data?.people.edges.map((edge) => `${edge.node.name} (${edge.node.status})`);
    expect(reads()).toBe(2);

    // Suspended by another administrator: in place in the unfiltered list (not read again); the
    // list of suspended accounts, which he may enter, is read again and shows him.
    accounts = [{ ...julien, status: "SUSPENDED" }];
    changed(accounts[0]);
    await until(() => rows(all.data)?.[0] === "Julien Bernard (SUSPENDED)");
    await until(() => rows(suspended.data)?.length === 1);
    expect(rows(suspended.data)).toEqual(["Julien Bernard (SUSPENDED)"]);
    expect(reads()).toBe(3);

    // A new invitation (a person no list holds): the unfiltered list is read again and shows her.
    const ines = { id: "u2", name: "Inès Faure", email: "ines.faure@ddt63.demo", status: "PENDING" };
    accounts = [ines, accounts[0]];
    changed(ines);
    await until(() => rows(all.data)?.length === 2);
    expect(rows(all.data)).toEqual(["Inès Faure (PENDING)", "Julien Bernard (SUSPENDED)"]);
    expect(rows(suspended.data)).toEqual(["Julien Bernard (SUSPENDED)"]);
  });
});
