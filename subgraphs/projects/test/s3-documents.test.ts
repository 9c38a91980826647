import { listen, type RunningServer } from "@hub/kit";
import { CAMILLE, startHub, type Hub } from "@hub/testing";
import { createS3StandIn } from "./support/s3-stand-in";

const PDF = Buffer.from("%PDF-1.7\n% document stocké dans un magasin S3\n%%EOF\n");

describe("documents in an S3-compatible store", () => {
  const s3 = createS3StandIn("HUBTESTKEY", "hub-test-secret-access-key", "fr-par");
  let store: RunningServer;
  const hubs: Hub[] = [];
  beforeAll(async () => {
    store = await listen({ app: s3.app, close: async () => {} }, 0, "127.0.0.1", "/");
  });
  afterAll(async () => {
    for (const hub of hubs) await hub.stop();
    await store.stop();
  });

  async function hubWith(secretAccessKey: string) {
    const hub = await startHub({
      projectsS3: { endpoint: `http://127.0.0.1:${store.port}`, bucket: "hub-documents", region: "fr-par", accessKeyId: "HUBTESTKEY", secretAccessKey },
    });
    hubs.push(hub);
    const token = await hub.token(CAMILLE);
    const created = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Gymnase", territoryId: "COMMUNE:63113" }) { id } }`, {}, token);
    const upload = () =>
      fetch(`${hub.origin}/projects/${created.data!.createProject.id}/documents?name=devis.pdf`, {
        method: "POST",
        headers: { "content-type": "application/pdf", authorization: `Bearer ${token}` },
        body: new Uint8Array(PDF),
      });
    return { hub, token, projectId: created.data!.createProject.id, upload };
  }

  it("stores uploads as signed PUTs, serves them back through the permission check and deletes them", async () => {
    const { hub, token, projectId, upload } = await hubWith("hub-test-secret-access-key");
    const response = await upload();
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const stored = [...s3.objects.entries()].filter(([key]) => key.startsWith(`/hub-documents/${projectId}/`));
    expect(stored).toHaveLength(1);
    expect(stored[0][1]).toEqual(PDF);
    const download = await fetch(`${hub.origin}/documents/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);

    // deleteDocument removes the object with a signed DELETE.
    const deleted = await hub.query(`mutation($id: ID!) { deleteDocument(id: $id) { id } }`, { id }, token);
    expect(deleted.errors).toBeUndefined();
    expect(s3.objects.has(stored[0][0])).toBe(false);
  });

  it("answers UPSTREAM_UNAVAILABLE and records nothing when the store refuses", async () => {
    const { hub, upload } = await hubWith("a-wrong-secret");
    const response = await upload();
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UPSTREAM_UNAVAILABLE");
    const [{ n }] = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM document");
    expect(n).toBe(0);
  });
});
