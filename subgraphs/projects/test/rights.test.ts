import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";
const RIGHTS = `query($id: ID!) { project(id: $id) { status viewerCan { transitions edit comment internalNotes } } }`;

interface Rights {
  transitions: string[];
  edit: boolean;
  comment: boolean;
  internalNotes: boolean;
}

/** `Project.viewerCan` says what each viewer may do now, and the mutations agree with it. */
describe("what a viewer may do on a project", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA, louis: LOUIS })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Piscine intercommunale", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  const rights = async (who: string) => {
    const response = await hub.query<{ project: { viewerCan: Rights } }>(RIGHTS, { id: projectId }, t[who]);
    expect(response.errors).toBeUndefined();
    return response.data!.project.viewerCan;
  };
  const step = (who: string, input: Record<string, unknown>) => hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { status } }`, { i: { projectId, ...input } }, t[who]);

  it("follows the lifecycle table for each role and status", async () => {
    expect(await rights("camille")).toEqual({ transitions: ["SUBMIT", "ABANDON"], edit: true, comment: true, internalNotes: false });
    expect(await step("camille", { transition: "SUBMIT" })).toEqual({ status: 200, data: { changeProjectStatus: { status: "SUBMITTED" } } });
    expect(await rights("camille")).toEqual({ transitions: ["ABANDON"], edit: true, comment: true, internalNotes: false });
    expect(await rights("julien")).toEqual({ transitions: ["SEND_BACK", "QUALIFY", "DECLINE"], edit: true, comment: true, internalNotes: true });
    expect(await rights("nadia")).toMatchObject({ transitions: ["SEND_BACK", "QUALIFY", "DECLINE"], edit: true });
    expect(await rights("louis")).toEqual({ transitions: [], edit: false, comment: false, internalNotes: false });
  });

  it("agrees with the mutations: a step offered is accepted, one not offered is refused, and none is left once the project is closed", async () => {
    expect((await rights("julien")).transitions).toContain("QUALIFY");
    expect(await step("julien", { transition: "QUALIFY", priority: "HIGH" })).toEqual({ status: 200, data: { changeProjectStatus: { status: "QUALIFIED" } } });
    const offered = await rights("camille");
    expect(offered.transitions).toEqual(["ABANDON"]);
    expect(codes(await step("camille", { transition: "SUBMIT" }))).toEqual(["CONFLICT"]);
    expect(await step("camille", { transition: "ABANDON", reason: "Projet repris par l'intercommunalité" })).toEqual({ status: 200, data: { changeProjectStatus: { status: "ABANDONED" } } });
    expect(await rights("camille")).toEqual({ transitions: [], edit: false, comment: true, internalNotes: false });
    expect(await rights("julien")).toEqual({ transitions: [], edit: false, comment: true, internalNotes: true });
    const update = await hub.query(`mutation($id: ID!) { updateProject(id: $id, version: 99, input: { title: "Autre" }) { id } }`, { id: projectId }, t.camille);
    expect(update.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});
