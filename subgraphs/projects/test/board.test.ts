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
    // Another département's board shows none of them.
    expect((await board("julien", "DEPARTEMENT:75")).data!.projectBoard.totalCount).toBe(0);
  });

  it("is for State agents, with valid arguments", async () => {
    expect(codes(await board("camille"))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(BOARD, { t: "DEPARTEMENT:63" }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await board("julien", "nowhere"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await board("julien", "DEPARTEMENT:63", 51))).toEqual(["BAD_USER_INPUT"]);
  });

  it("moves a card with the lifecycle step to its column, and refuses what the lifecycle forbids", async () => {
    const move = (who: string, input: Record<string, unknown>) => hub.query<{ moveProjectCard: { status: string; priority: string | null } }>(MOVE, { input }, t[who]);
    expect(codes(await move("julien", { projectId: ids[0], to: "COMPLETED" }))).toEqual(["CONFLICT"]);
    expect(codes(await move("camille", { projectId: ids[0], to: "QUALIFIED", priority: "HIGH" }))).toEqual(["FORBIDDEN"]);
    expect(codes(await move("julien", { projectId: ids[0], to: "QUALIFIED" }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await move("julien", { projectId: ids[3], to: "SUBMITTED" }))).toEqual(["NOT_FOUND"]);
    expect((await move("julien", { projectId: ids[0], to: "QUALIFIED", priority: "HIGH" })).data!.moveProjectCard).toEqual({ status: "QUALIFIED", priority: "HIGH" });
    expect((await move("julien", { projectId: ids[1], to: "ABANDONED", reason: "Hors programme" })).data!.moveProjectCard.status).toBe("ABANDONED");
    const [step] = await hub.sql<{ payload: { transition: string } }>("projects", "SELECT payload FROM activity WHERE project_id = $1 AND kind = 'STATUS_CHANGED' ORDER BY id DESC LIMIT 1", [ids[1]]);
    expect(step.payload.transition).toBe("DECLINE");
    const { data } = await board("julien");
    expect([column(data!, "SUBMITTED").count, column(data!, "QUALIFIED").count, column(data!, "ABANDONED").count]).toEqual([1, 1, 1]);
    expect(column(data!, "QUALIFIED").projects.map((p) => p.id)).toEqual([ids[0]]);
  });
});
