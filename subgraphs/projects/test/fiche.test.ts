import { CAMILLE, codes, JULIEN, startHub, type Hub } from "@hub/testing";

const LEA = "lea.roux@cerema.demo";
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from("1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")]);

describe("documents and actions of a project fiche", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, lea: LEA })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "École", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  const upload = (who: string | null, name: string, type: string, body: Buffer) =>
    fetch(`${hub.origin}/projects/${projectId}/documents?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "content-type": type, ...(who ? { authorization: `Bearer ${t[who]}` } : {}) },
      body: new Uint8Array(body),
    });
  const download = (who: string | null, id: string) => fetch(`${hub.origin}/documents/${id}`, { headers: who ? { authorization: `Bearer ${t[who]}` } : {} });
  const documentRows = async () => (await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM document"))[0].n;

  it("stores an upload through the gateway and serves it only to those who may see the project", async () => {
    const response = await upload("camille", "plan de financement.pdf", "application/pdf", PDF);
    expect(response.status).toBe(201);
    const document = (await response.json()) as { id: string; size: number };
    expect(document.size).toBe(PDF.length);
    const fiche = await hub.query<{ project: { documents: { name: string; url: string; size: number; uploadedBy: { name: string } }[] } }>(
      `query($id: ID!) { project(id: $id) { documents { name url size uploadedBy { name } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(fiche.data!.project.documents).toEqual([{ name: "plan de financement.pdf", url: `/documents/${document.id}`, size: PDF.length, uploadedBy: { name: "Camille Martin" } }]);

    const own = await download("camille", document.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toContain("plan%20de%20financement.pdf");
    expect(Buffer.from(await own.arrayBuffer())).toEqual(PDF);
    // A draft is the collectivité's own: not the DDT's, not an unassociated expert's, not anonymous.
    expect((await download("julien", document.id)).status).toBe(404);
    expect((await download("lea", document.id)).status).toBe(404);
    expect((await download(null, document.id)).status).toBe(401);
    await hub.query(`mutation($i: TransitionInput!) { changeProjectStatus(input: $i) { id } }`, { i: { projectId, transition: "SUBMIT" } }, t.camille);
    expect((await download("julien", document.id)).status).toBe(200);
  });

  it.each([
    ["an executable", "setup.exe", "application/x-msdownload", Buffer.from("MZ\x90\x00"), 400],
    ["a text pretending to be a PDF", "faux.pdf", "application/pdf", Buffer.from("hello"), 400],
    ["a PDF named .png", "plan.png", "application/pdf", PDF, 400],
    ["an empty file", "vide.txt", "text/plain", Buffer.alloc(0), 400],
    ["a file over the limit", "gros.txt", "text/plain", Buffer.alloc(1024 * 1024 + 10, 0x61), 413],
  ])("refuses %s, writing nothing", async (_label, name, type, body, status) => {
    const before = await documentRows();
    const response = await upload("camille", name, type, body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BAD_USER_INPUT");
    expect(await documentRows()).toBe(before);
  });

  it("tracks actions and recommendations with their status, in the journal", async () => {
    const added = await hub.query<{ addAction: { id: string; status: string } }>(
      `mutation($p: ID!) { addAction(projectId: $p, title: "Étude de sol", description: "Avant le permis") { id status } }`,
      { p: projectId },
      t.julien,
    );
    expect(added.data!.addAction.status).toBe("PROPOSED");
    const moved = await hub.query(`mutation($id: ID!) { setActionStatus(id: $id, status: DONE) { status } }`, { id: added.data!.addAction.id }, t.camille);
    expect(moved.data).toEqual({ setActionStatus: { status: "DONE" } });
    expect(codes(await hub.query(`mutation($id: ID!) { setActionStatus(id: $id, status: BLOCKED) { status } }`, { id: added.data!.addAction.id }, t.lea))).toEqual(["NOT_FOUND"]);
    const journal = await hub.query<{ project: { actions: { title: string; status: string }[]; activity: { edges: { node: { summary: string } }[] } } }>(
      `query($id: ID!) { project(id: $id) { actions { title status } activity(first: 50) { edges { node { summary } } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(journal.data!.project.actions).toEqual([{ title: "Étude de sol", status: "DONE" }]);
    expect(journal.data!.project.activity.edges.map((e) => e.node.summary)).toEqual(
      expect.arrayContaining(["Document « plan de financement.pdf » ajouté à « École »", "Action « Étude de sol » proposée", "Action « Étude de sol » réalisée"]),
    );
  });
});
