import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const BOARD = `query($t: ID!, $cards: Int) { projectBoard(territoryId: $t, cards: $cards) { totalCount territory { name } columns { status count inactiveCount projects { id title status } } } }`;
const MOVE = `mutation($input: MoveCardInput!) { moveProjectCard(input: $input) { status priority } }`;

type Board = {
  projectBoard: { totalCount: number; territory: { name: string }; columns: { status: string; count: number; inactiveCount: number; projects: { id: string; title: string; status: string }[] }[] };
};

describe("the State's board of a territory's projects", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  const ids: string[] = [];
  let parisId = "";

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA })) t[name] = await hub.token(email);
    for (const title of ["Piste cyclable", "Médiathèque", "Gymnase", "Brouillon"]) {
      const created = await hub.query<{ createProject: { id: string } }>(
        `mutation($title: String!) { createProject(input: { title: $title, territoryId: "COMMUNE:63113" }) { id } }`,
        { title },
        t.camille,
      );
      ids.push(created.data!.createProject.id);
    }
    for (const id of ids.slice(0, 3)) await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id }, t.camille);
    await hub.query(`mutation($id: ID!) { markProjectInactive(id: $id, reason: "En pause") { id } }`, { id: ids[2] }, t.julien);
    // A submitted project in Paris (its territories set in SQL: no collectivité of Paris among the test accounts).
    const paris = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Square parisien", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    parisId = paris.data!.createProject.id;
    await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: parisId }, t.camille);
    await hub.sql("projects", "UPDATE project SET territory_id = 'COMMUNE:75056', territory_ids = ARRAY['COMMUNE:75056', 'DEPARTEMENT:75', 'REGION:11', 'EPCI:200054781'] WHERE id = $1", [parisId]);
  });
  afterAll(() => hub.stop());

  const board = async (who: string, territoryId = "DEPARTEMENT:63", cards?: number) => hub.query<Board>(BOARD, { t: territoryId, cards }, t[who]);
  const column = (data: Board, status: string) => data.projectBoard.columns.find((c) => c.status === status)!;

  it("counts the projects of each status it sees, with the first cards, drafts left out", async () => {
    const { data, errors } = await board("julien");
    expect(errors).toBeUndefined();
    expect(data!.projectBoard.territory.name).toBe("Puy-de-Dôme");
    expect(data!.projectBoard.columns.map((c) => c.status)).toEqual(["SUBMITTED", "QUALIFIED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "ABANDONED"]);
    expect(data!.projectBoard.totalCount).toBe(3);
    expect(column(data!, "SUBMITTED")).toMatchObject({ count: 3, inactiveCount: 1 });
    expect(
      column(data!, "SUBMITTED")
        .projects.map((p) => p.title)
        .sort(),
    ).toEqual(["Gymnase", "Médiathèque", "Piste cyclable"]);
    const two = await board("julien", "COMMUNE:63113", 2);
    expect(column(two.data!, "SUBMITTED")).toMatchObject({ count: 3 });
    expect(column(two.data!, "SUBMITTED").projects).toHaveLength(2);
    expect((await board("nadia", "DEPARTEMENT:63")).data!.projectBoard.totalCount).toBe(3);
    // National staff open any territory's board.
    expect(column((await board("nadia", "DEPARTEMENT:75")).data!, "SUBMITTED").projects.map((p) => p.title)).toEqual(["Square parisien"]);
    expect((await board("nadia", "REGION:84")).data!.projectBoard.totalCount).toBe(3);
  });

  it("is for State agents, with valid arguments", async () => {
    expect(codes(await board("camille"))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(BOARD, { t: "DEPARTEMENT:63" }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await board("julien", "nowhere"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await board("julien", "DEPARTEMENT:63", 51))).toEqual(["BAD_USER_INPUT"]);
  });

  it.each([
    ["another département", "DEPARTEMENT:75"],
    ["a commune of another département", "COMMUNE:75056"],
    ["an EPCI of another département", "EPCI:200054781"],
    ["the région around its département", "REGION:84"],
  ])("refuses a DDT 63 agent the board of %s (FORBIDDEN)", async (_what, territoryId) => {
    const answer = await board("julien", territoryId);
    expect(answer.data).toBeNull();
    expect(answer.errors!.map((e) => [e.extensions?.code, e.message])).toEqual([["FORBIDDEN", `${territoryId} is outside your départements`]]);
  });

  it("opens a DDT 63 agent's board on its département's EPCI, arrondissement and communes, and says an unknown territory is NOT_FOUND", async () => {
    for (const territoryId of ["EPCI:246300701", "ARRONDISSEMENT:632", "COMMUNE:63113"]) expect((await board("julien", territoryId)).data!.projectBoard.totalCount).toBe(3);
    expect(codes(await board("julien", "COMMUNE:99999"))).toEqual(["NOT_FOUND"]);
    expect(codes(await board("nadia", "DEPARTEMENT:00"))).toEqual(["NOT_FOUND"]);
  });

  it("moves a card with the lifecycle step to its column, and refuses what the lifecycle forbids", async () => {
    const move = (who: string, input: Record<string, unknown>) => hub.query<{ moveProjectCard: { status: string; priority: string | null } }>(MOVE, { input }, t[who]);
    expect(codes(await move("julien", { projectId: ids[0], to: "COMPLETED" }))).toEqual(["CONFLICT"]);
    expect(codes(await move("camille", { projectId: ids[0], to: "QUALIFIED", priority: "HIGH" }))).toEqual(["FORBIDDEN"]);
    expect(codes(await move("julien", { projectId: ids[0], to: "QUALIFIED" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await move("julien", { projectId: ids[3], to: "SUBMITTED" }))).toEqual(["NOT_FOUND"]);
    // A project outside the agent's départements is none of its cards: as invisible as a missing one.
    expect(codes(await move("julien", { projectId: parisId, to: "QUALIFIED", priority: "HIGH" }))).toEqual(["NOT_FOUND"]);
    expect((await hub.sql<{ status: string }>("projects", "SELECT status FROM project WHERE id = $1", [parisId]))[0].status).toBe("SUBMITTED");
    expect((await move("julien", { projectId: ids[0], to: "QUALIFIED", priority: "HIGH" })).data!.moveProjectCard).toEqual({ status: "QUALIFIED", priority: "HIGH" });
    expect((await move("julien", { projectId: ids[1], to: "ABANDONED", reason: "Hors programme" })).data!.moveProjectCard.status).toBe("ABANDONED");
    const [step] = await hub.sql<{ payload: { transition: string } }>("projects", "SELECT payload FROM activity WHERE project_id = $1 AND kind = 'STATUS_CHANGED' ORDER BY id DESC LIMIT 1", [ids[1]]);
    expect(step.payload.transition).toBe("DECLINE");
    const { data } = await board("julien");
    expect([column(data!, "SUBMITTED").count, column(data!, "QUALIFIED").count, column(data!, "ABANDONED").count]).toEqual([1, 1, 1]);
    expect(column(data!, "QUALIFIED").projects.map((p) => p.id)).toEqual([ids[0]]);
  });
});
