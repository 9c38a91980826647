import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CAMILLE, codes, JULIEN, NADIA, SOPHIE, startHub, wsOperation, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

/** deleteDocument through the gateway: who may, what it removes (row, stored file), its journal entry, its refusals. */
describe("deleting a document", () => {
  let hub: Hub;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, sophie: SOPHIE, nadia: NADIA, louis: LOUIS })) t[name] = await hub.token(email);
  });
  afterAll(() => hub.stop());

  const createProject = async (title: string) => {
    const created = await hub.query<{ createProject: { id: string } }>(`mutation($t: String!) { createProject(input: { title: $t, territoryId: "COMMUNE:63113" }) { id } }`, { t: title }, t.camille);
    return created.data!.createProject.id;
  };
  const submit = (projectId: string) => hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { id } }`, { id: projectId }, t.camille);
  const upload = async (who: string, projectId: string, name: string) => {
    const response = await fetch(`${hub.origin}/projects/${projectId}/documents?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "content-type": "application/pdf", authorization: `Bearer ${t[who]}` },
      body: new Uint8Array(PDF),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const deleteDocument = (who: string | null, id: string) =>
    hub.query<{ deleteDocument: { id: string; documents: { id: string }[] } }>(`mutation($id: ID!) { deleteDocument(id: $id) { id documents { id } } }`, { id }, who ? t[who] : undefined);
  /** The stored file of a document, from its row. */
  const storedFile = async (id: string) => {
    const [row] = await hub.sql<{ key: string }>("projects", "SELECT storage_key AS key FROM document WHERE id = $1", [id]);
    return join(hub.documentsDir, row.key);
  };
  const rowExists = async (id: string) => (await hub.sql("projects", "SELECT 1 FROM document WHERE id = $1", [id])).length === 1;
  const latestActivity = async () => (await hub.sql<{ id: string }>("projects", "SELECT COALESCE(max(id), 0)::text AS id FROM activity"))[0].id;
  const canDelete = async (who: string, projectId: string) => {
    const fiche = await hub.query<{ project: { documents: { id: string; viewerCanDelete: boolean }[] } }>(
      `query($id: ID!) { project(id: $id) { documents { id viewerCanDelete } } }`,
      { id: projectId },
      t[who],
    );
    expect(fiche.errors).toBeUndefined();
    return Object.fromEntries(fiche.data!.project.documents.map((d) => [d.id, d.viewerCanDelete]));
  };

  it("lets the collectivité delete its document: row and stored file gone, DOCUMENT_DELETED in the journal, live", async () => {
    const projectId = await createProject("Médiathèque");
    const documentId = await upload("camille", projectId, "devis ancien.pdf");
    const file = await storedFile(documentId);
    expect(existsSync(file)).toBe(true);
    expect(await canDelete("camille", projectId)).toEqual({ [documentId]: true });

    const after = await latestActivity();
    // The journal from `after`, live: the subscription is open before the deletion.
    const live = wsOperation(
      hub.gatewayUrl,
      `subscription($p: ID!, $a: String) { projectActivity(projectId: $p, after: $a) { kind summary actor { name } } }`,
      { p: projectId, a: after },
      t.camille,
      1,
    );
    const deleted = await deleteDocument("camille", documentId);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteDocument).toEqual({ id: projectId, documents: [] });
    expect(await rowExists(documentId)).toBe(false);
    expect(existsSync(file)).toBe(false);
    const download = await fetch(`${hub.origin}/documents/${documentId}`, { headers: { authorization: `Bearer ${t.camille}` } });
    expect(download.status).toBe(404);

    const event = await live;
    expect(event.results).toEqual([
      { data: { projectActivity: { kind: "DOCUMENT_DELETED", summary: "Document « devis ancien.pdf » supprimé de « Médiathèque »", actor: { name: "Camille Martin" } } } },
    ]);
    const journal = await hub.query<{ project: { activity: { edges: { node: { kind: string } }[] } } }>(
      `query($id: ID!) { project(id: $id) { activity(first: 50) { edges { node { kind } } } } }`,
      { id: projectId },
      t.camille,
    );
    expect(journal.data!.project.activity.edges.map((e) => e.node.kind)).toEqual(["PROJECT_CREATED", "DOCUMENT_ADDED", "DOCUMENT_DELETED"]);

    // Deleted already: NOT_FOUND, as for any unknown document.
    expect(codes(await deleteDocument("camille", documentId))).toEqual(["NOT_FOUND"]);
  });

  it("lets a State agent delete what they attached, never the collectivité's documents nor a colleague's", async () => {
    const projectId = await createProject("Voirie du bourg");
    const ownDocument = await upload("camille", projectId, "plan.pdf");
    // A draft is the collectivité's alone: the DDT does not see it.
    expect(codes(await deleteDocument("julien", ownDocument))).toEqual(["NOT_FOUND"]);
    await submit(projectId);
    const julienDocument = await upload("julien", projectId, "avis DDT.pdf");
    expect(await canDelete("julien", projectId)).toEqual({ [ownDocument]: false, [julienDocument]: true });
    expect(await canDelete("sophie", projectId)).toEqual({ [ownDocument]: false, [julienDocument]: false });
    expect(await canDelete("camille", projectId)).toEqual({ [ownDocument]: true, [julienDocument]: true });

    expect(codes(await deleteDocument("julien", ownDocument))).toEqual(["FORBIDDEN"]);
    expect(codes(await deleteDocument("sophie", julienDocument))).toEqual(["FORBIDDEN"]);
    // ANCT national agents see every submitted project, and still delete only their own uploads.
    expect(codes(await deleteDocument("nadia", ownDocument))).toEqual(["FORBIDDEN"]);
    // Analysts read without acting.
    expect(codes(await deleteDocument("louis", ownDocument))).toEqual(["FORBIDDEN"]);
    expect(await rowExists(ownDocument)).toBe(true);
    expect(existsSync(await storedFile(ownDocument))).toBe(true);

    const file = await storedFile(julienDocument);
    expect((await deleteDocument("julien", julienDocument)).errors).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(await rowExists(julienDocument)).toBe(false);
  });

  it("refuses bad ids, anonymous callers and archived projects with their codes, changing nothing", async () => {
    expect(codes(await deleteDocument("camille", "pas-un-id"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await deleteDocument("camille", "00000000-0000-4000-8000-000000000000"))).toEqual(["NOT_FOUND"]);
    const projectId = await createProject("Salle des fêtes");
    const documentId = await upload("camille", projectId, "esquisse.pdf");
    expect(codes(await deleteDocument(null, documentId))).toEqual(["UNAUTHENTICATED"]);

    const abandoned = await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: ABANDON, reason: "Projet reporté" }) { id } }`, { id: projectId }, t.camille);
    expect(abandoned.errors).toBeUndefined();
    const before = await latestActivity();
    expect(await canDelete("camille", projectId)).toEqual({ [documentId]: false });
    expect(codes(await deleteDocument("camille", documentId))).toEqual(["CONFLICT"]);
    expect(await rowExists(documentId)).toBe(true);
    expect(existsSync(await storedFile(documentId))).toBe(true);
    expect(await latestActivity()).toBe(before);
  });

  it("keeps the document whole when its file cannot be removed (UPSTREAM_UNAVAILABLE, nothing written)", async () => {
    const projectId = await createProject("Gymnase");
    const documentId = await upload("camille", projectId, "étude.pdf");
    const file = await storedFile(documentId);
    // A folder where the file was: the storage's removal fails.
    rmSync(file);
    mkdirSync(join(file, "bloque"), { recursive: true });
    const before = await latestActivity();
    const refused = await deleteDocument("camille", documentId);
    expect(codes(refused)).toEqual(["UPSTREAM_UNAVAILABLE"]);
    expect(await rowExists(documentId)).toBe(true);
    expect(await latestActivity()).toBe(before);
    // The storage works again: the deletion goes through.
    rmSync(file, { recursive: true });
    expect((await deleteDocument("camille", documentId)).errors).toBeUndefined();
    expect(await rowExists(documentId)).toBe(false);
  });
});
