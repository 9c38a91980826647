import { CAMILLE, codes, JULIEN, NADIA, SOPHIE, startHub, type Hub } from "@hub/testing";

const LEA = "lea.roux@cerema.demo";
const LOUIS = "louis.moreau@anct.demo";

const FIELDS = "id title status version national expired live kind themes territories { id } viewerCanEdit owner { id }";
const CREATE = `mutation Create($input: ResourceInput!) { createResource(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $version: Int!, $input: ResourceUpdateInput!) { updateResource(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const STATUS = `mutation Status($id: ID!, $version: Int!, $status: ResourceStatus!) { setResourceStatus(id: $id, version: $version, status: $status) { ${FIELDS} } }`;
const ONE = `query One($id: ID!) { resource(id: $id) { ${FIELDS} body summary provider { name } contacts { name } versions { version title status editedBy { id } } } }`;
const LIST = `query List($filter: ResourceFilter, $first: Int, $after: String) {
  resources(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor } }
}`;

type Sheet = {
  id: string;
  title: string;
  status: string;
  version: number;
  national: boolean;
  expired: boolean;
  live: boolean;
  viewerCanEdit: boolean;
  territories: { id: string }[];
  owner: { id: string } | null;
};
type List = { resources: { totalCount: number; edges: { cursor: string; node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const sheet = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  summary: `Résumé : ${title}`,
  body: "Une fiche de test de la bibliothèque.",
  kind: "GUIDE",
  status: "PUBLISHED",
  ...extra,
});

describe("the library of resources and the contact book, through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};

  const create = async (who: string, input: Record<string, unknown>) => {
    const result = await hub.query<{ createResource: Sheet }>(CREATE, { input }, t[who]);
    if (result.errors) throw new Error(`${who} could not create "${String(input.title)}": ${JSON.stringify(result.errors)}`);
    return result.data!.createResource;
  };
  const titles = async (filter: Record<string, unknown>, who = "camille", first = 50) => {
    const result = await hub.query<List>(LIST, { filter, first }, t[who]);
    expect(result.errors).toBeUndefined();
    return result.data!.resources.edges.map((e) => e.node.title);
  };

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, sophie: SOPHIE, nadia: NADIA, lea: LEA, louis: LOUIS })) t[name] = await hub.token(email);
  });
  afterAll(() => hub.stop());

  describe("writers", () => {
    it("lets ANCT write anywhere, State agents in their départements, experts for their organisation", async () => {
      const national = await create("nadia", sheet("Guide national de l'ANCT"));
      expect(national).toMatchObject({ national: true, status: "PUBLISHED", version: 1, viewerCanEdit: true, owner: { id: "ANCT:NATIONAL" } });
      const local = await create("julien", sheet("Fiche de la DDT", { territoryIds: ["DEPARTEMENT:63"] }));
      expect(local).toMatchObject({ national: false, territories: [{ id: "DEPARTEMENT:63" }], owner: { id: "DDT:63" } });
      const expert = await create("lea", sheet("Offre du Cerema"));
      expect(expert).toMatchObject({ national: true, owner: { id: "OPERATOR:CEREMA" } });

      // Edits: the préfecture of the same département may edit the DDT's sheet; the expert only its own.
      const byPrefecture = await hub.query<{ updateResource: Sheet }>(UPDATE, { id: local.id, version: 1, input: { summary: "Relu par la préfecture" } }, t.sophie);
      expect(byPrefecture.data?.updateResource.version).toBe(2);
      const refusals: [string, string, Record<string, unknown>][] = [
        ["lea", local.id, { title: "Reprise par le Cerema" }],
        ["julien", national.id, { title: "Reprise par la DDT" }],
        ["julien", expert.id, { title: "Reprise par la DDT" }],
        ["lea", national.id, { title: "Reprise par le Cerema" }],
      ];
      for (const [who, id, input] of refusals) {
        const version = id === local.id ? 2 : 1;
        const result = await hub.query(UPDATE, { id, version, input }, t[who]);
        expect([who, codes(result)]).toEqual([who, ["FORBIDDEN"]]);
      }
      // Nobody moves a sheet out of their reach: the DDT may not make its sheet national or move it to the Cantal.
      for (const territoryIds of [[], ["DEPARTEMENT:15"], ["REGION:84"]]) {
        const moved = await hub.query(UPDATE, { id: local.id, version: 2, input: { territoryIds } }, t.julien);
        expect(codes(moved)).toEqual(["FORBIDDEN"]);
      }
      const [row] = await hub.sql<{ version: number; territory_ids: string[] }>("funding", "SELECT version, territory_ids FROM resource WHERE id = $1", [local.id]);
      expect(row).toEqual({ version: 2, territory_ids: ["DEPARTEMENT:63"] });
    });

    it("refuses writers outside their scope, readers, and anonymous callers", async () => {
      const cases: [string | null, Record<string, unknown>, string][] = [
        ["julien", sheet("Fiche nationale de la DDT"), "FORBIDDEN"],
        ["julien", sheet("Fiche du Cantal", { territoryIds: ["DEPARTEMENT:15"] }), "FORBIDDEN"],
        ["julien", sheet("Fiche régionale", { territoryIds: ["REGION:84"] }), "FORBIDDEN"],
        ["camille", sheet("Fiche d'une commune"), "FORBIDDEN"],
        ["louis", sheet("Fiche d'un analyste"), "FORBIDDEN"],
        [null, sheet("Fiche anonyme"), "UNAUTHENTICATED"],
      ];
      for (const [who, input, code] of cases) {
        const result = await hub.query(CREATE, { input }, who ? t[who] : undefined);
        expect([who, input.title, codes(result)]).toEqual([who, input.title, [code]]);
      }
      const [{ count }] = await hub.sql<{ count: string }>(
        "funding",
        "SELECT count(*) FROM resource WHERE title IN ('Fiche nationale de la DDT', 'Fiche du Cantal', 'Fiche régionale', 'Fiche d''une commune')",
      );
      expect(Number(count)).toBe(0);
    });

    it("rejects bad fields with BAD_USER_INPUT naming the field", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [sheet("ab"), "title"],
        [sheet("Thème inconnu", { themes: ["astronomie"] }), "themes"],
        [sheet("Territoire inconnu", { territoryIds: ["DEPARTEMENT:999"] }), "territoryIds"],
        [sheet("Commune comme territoire", { territoryIds: ["COMMUNE:63113"] }), "territoryIds"],
        [sheet("Adresse invalide", { url: "javascript:alert(1)" }), "url"],
        [sheet("Contact inconnu", { contactIds: ["not-a-uuid"] }), "contactIds"],
        [sheet("Contact absent", { contactIds: ["00000000-0000-4000-8000-000000000000"] }), "contactIds"],
        [sheet("Expirée", { expiresAt: "2020-01-01T00:00:00Z" }), "expiresAt"],
        [sheet("Archivée d'emblée", { status: "ARCHIVED" }), "input.status"],
      ];
      for (const [input, field] of cases) {
        const result = await hub.query(CREATE, { input }, t.nadia);
        expect([input.title, codes(result), result.errors?.[0].extensions?.field]).toEqual([input.title, ["BAD_USER_INPUT"], field]);
      }
    });
  });

  describe("drafts, versions and conflicts", () => {
    it("shows a draft to its writers only", async () => {
      const draft = await create("julien", sheet("Brouillon de la DDT sur les haies bocagères", { status: "DRAFT", territoryIds: ["DEPARTEMENT:63"] }));
      for (const who of ["camille", "lea", "louis"]) {
        const result = await hub.query(ONE, { id: draft.id }, t[who]);
        expect([who, codes(result)]).toEqual([who, ["NOT_FOUND"]]);
        expect(await titles({ status: "DRAFT" }, who)).not.toContain(draft.title);
        expect(await titles({ search: "haies bocagères" }, who)).toEqual([]);
      }
      for (const who of ["julien", "sophie", "nadia"]) {
        const result = await hub.query<{ resource: Sheet }>(ONE, { id: draft.id }, t[who]);
        expect(result.data?.resource).toMatchObject({ status: "DRAFT", viewerCanEdit: true });
        expect(await titles({ status: "DRAFT" }, who)).toContain(draft.title);
      }
      // Published, everyone sees it.
      const published = await hub.query<{ setResourceStatus: Sheet }>(STATUS, { id: draft.id, version: 1, status: "PUBLISHED" }, t.julien);
      expect(published.data?.setResourceStatus).toMatchObject({ status: "PUBLISHED", version: 2 });
      expect(await titles({ search: "haies bocagères" }, "camille")).toEqual([draft.title]);
    });

    it("keeps every edit as a version and refuses a stale one with CONFLICT, writing nothing", async () => {
      const created = await create("nadia", sheet("Guide de la commande publique", { status: "DRAFT" }));
      const first = await hub.query<{ updateResource: Sheet }>(UPDATE, { id: created.id, version: 1, input: { title: "Guide de la commande publique durable" } }, t.nadia);
      expect(first.data?.updateResource).toMatchObject({ version: 2, title: "Guide de la commande publique durable" });
      const published = await hub.query<{ setResourceStatus: Sheet }>(STATUS, { id: created.id, version: 2, status: "PUBLISHED" }, t.nadia);
      expect(published.data?.setResourceStatus.version).toBe(3);

      // Someone who read version 2 saves: refused.
      const stale = await hub.query(UPDATE, { id: created.id, version: 2, input: { title: "Titre écrit sur une version ancienne" } }, t.nadia);
      expect(codes(stale)).toEqual(["CONFLICT"]);
      expect(stale.errors![0].message).toMatch(/modifiée entre-temps \(version 3/);
      const staleStatus = await hub.query(STATUS, { id: created.id, version: 1, status: "ARCHIVED" }, t.nadia);
      expect(codes(staleStatus)).toEqual(["CONFLICT"]);

      const read = await hub.query<{ resource: Sheet & { versions: { version: number; title: string; status: string; editedBy: { id: string } | null }[] } }>(ONE, { id: created.id }, t.nadia);
      expect(read.data!.resource.versions.map((v) => [v.version, v.title, v.status])).toEqual([
        [3, "Guide de la commande publique durable", "PUBLISHED"],
        [2, "Guide de la commande publique durable", "DRAFT"],
        [1, "Guide de la commande publique", "DRAFT"],
      ]);
      expect(read.data!.resource.versions.every((v) => typeof v.editedBy?.id === "string")).toBe(true);
      // The analyst reads the history without the people.
      const byAnalyst = await hub.query<{ resource: { versions: { editedBy: unknown }[] } }>(ONE, { id: created.id }, t.louis);
      expect(byAnalyst.data!.resource.versions.map((v) => v.editedBy)).toEqual([null, null, null]);
      const rows = await hub.sql<{ version: number }>("funding", "SELECT version FROM resource_version WHERE resource_id = $1 ORDER BY version", [created.id]);
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);

      // An edit that changes nothing writes no version.
      const same = await hub.query<{ updateResource: Sheet }>(UPDATE, { id: created.id, version: 3, input: { title: "Guide de la commande publique durable" } }, t.nadia);
      expect(same.data?.updateResource.version).toBe(3);
    });
  });

  describe("search", () => {
    beforeAll(async () => {
      await create("nadia", sheet("Rénovation énergétique des écoles", { summary: "Isoler les bâtiments scolaires et changer la chaudière.", themes: ["energies-dechets"] }));
      await create("nadia", sheet("Cours d'école oasis", { summary: "Désimperméabiliser une cour.", body: "Les écoles gagnent de la fraîcheur ; la rénovation des cours est un chantier d'été." }));
      await create("nadia", sheet("Voirie et sécurité routière", { summary: "Apaiser la traversée du bourg.", kind: "EXPERT_SERVICE", themes: ["mobilite-transports"] }));
    });

    it("finds words in French whatever the accents and plurals, the best match first", async () => {
      expect(await titles({ search: "ecole renovation" })).toEqual(["Rénovation énergétique des écoles", "Cours d'école oasis"]);
      expect(await titles({ search: "ÉCOLES" })).toEqual(expect.arrayContaining(["Rénovation énergétique des écoles", "Cours d'école oasis"]));
      expect(await titles({ search: "batiment scolaire" })).toEqual(["Rénovation énergétique des écoles"]);
      expect(await titles({ search: "securite routiere" })).toEqual(["Voirie et sécurité routière"]);
      expect(await titles({ search: "ecole", theme: "energies-dechets" })).toEqual(["Rénovation énergétique des écoles"]);
      expect(await titles({ search: "bourg", kind: "EXPERT_SERVICE" })).toEqual(["Voirie et sécurité routière"]);
      expect(await titles({ search: "ecole", kind: "PROGRAMME" })).toEqual([]);
      // Not an error: words only (operators of tsquery are read as text).
      expect(await titles({ search: "école & | ! (" })).toEqual(expect.arrayContaining(["Cours d'école oasis"]));
    });

    it("pages with a total count", async () => {
      const first = await hub.query<List>(LIST, { filter: { search: "ecole" }, first: 1 }, t.camille);
      expect(first.data!.resources).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const second = await hub.query<List>(LIST, { filter: { search: "ecole" }, first: 1, after: first.data!.resources.pageInfo.endCursor }, t.camille);
      expect(second.data!.resources).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
      // The pages follow the ranked list (the title and the body of the second both say "école").
      expect([...first.data!.resources.edges, ...second.data!.resources.edges].map((e) => e.node.title)).toEqual(await titles({ search: "ecole" }));
      expect(await titles({ search: "ecole" })).toEqual(["Cours d'école oasis", "Rénovation énergétique des écoles"]);
    });

    it("answers bad input with BAD_USER_INPUT", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ filter: { search: "x".repeat(201) } }, "filter.search"],
        [{ filter: { territoryId: "COMMUNE:99999" } }, "filter.territoryId"],
        [{ filter: { territoryId: "PAYS:FR" } }, "filter.territoryId"],
        [{ filter: { theme: "astronomie" } }, "filter.theme"],
        [{ first: 0 }, "first"],
        [{ first: 51 }, "first"],
        [{ after: "pas-un-curseur" }, "after"],
      ];
      for (const [variables, field] of cases) {
        const result = await hub.query(LIST, variables, t.camille);
        expect([field, codes(result), result.errors?.[0].extensions?.field]).toEqual([field, ["BAD_USER_INPUT"], field]);
      }
      expect(codes(await hub.query(LIST, {}))).toEqual(["UNAUTHENTICATED"]);
    });
  });

  describe("territories and expiry", () => {
    it("matches a commune with its département's, its région's and national sheets", async () => {
      const word = { summary: "Fiche de zonage territorial." };
      await create("nadia", sheet("Zonage national", word));
      await create("nadia", sheet("Zonage Auvergne-Rhône-Alpes", { ...word, territoryIds: ["REGION:84"] }));
      await create("julien", sheet("Zonage Puy-de-Dôme", { ...word, territoryIds: ["DEPARTEMENT:63"] }));
      await create("nadia", sheet("Zonage Cantal", { ...word, territoryIds: ["DEPARTEMENT:15"] }));
      await create("nadia", sheet("Zonage Gironde", { ...word, territoryIds: ["DEPARTEMENT:33"] }));
      await create("nadia", sheet("Zonage Nouvelle-Aquitaine", { ...word, territoryIds: ["REGION:75"] }));
      const sorted = async (territoryId: string) => (await titles({ search: "zonage", territoryId })).sort();
      expect(await sorted("COMMUNE:63113")).toEqual(["Zonage Auvergne-Rhône-Alpes", "Zonage Puy-de-Dôme", "Zonage national"]);
      expect(await sorted("EPCI:246300701")).toEqual(["Zonage Auvergne-Rhône-Alpes", "Zonage Puy-de-Dôme", "Zonage national"]);
      expect(await sorted("DEPARTEMENT:15")).toEqual(["Zonage Auvergne-Rhône-Alpes", "Zonage Cantal", "Zonage national"]);
      expect(await sorted("REGION:75")).toEqual(["Zonage Nouvelle-Aquitaine", "Zonage national"]);
      expect(await sorted("COMMUNE:33063")).toEqual(["Zonage Gironde", "Zonage Nouvelle-Aquitaine", "Zonage national"]);
    });

    it("takes an expired sheet out of the library; its writers find it among the archives", async () => {
      const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
      const created = await create("julien", sheet("Appel à manifestation d'intérêt friches", { expiresAt: inAYear, territoryIds: ["DEPARTEMENT:63"] }));
      expect(created).toMatchObject({ expired: false, live: true });
      expect(await titles({ search: "friches" })).toEqual(["Appel à manifestation d'intérêt friches"]);
      // Time passes: its expiry date is now behind us.
      await hub.sql("funding", "UPDATE resource SET expires_at = now() - interval '1 day' WHERE id = $1", [created.id]);
      expect(await titles({ search: "friches" })).toEqual([]);
      expect(await titles({ search: "friches", status: "ARCHIVED" }, "camille")).toEqual([]);
      expect(await titles({ search: "friches", status: "ARCHIVED" }, "julien")).toEqual(["Appel à manifestation d'intérêt friches"]);
      const read = await hub.query<{ resource: Sheet }>(ONE, { id: created.id }, t.camille);
      expect(read.data!.resource).toMatchObject({ status: "PUBLISHED", expired: true, live: false });
      // Publishing it again needs a date in the future.
      const republish = await hub.query(STATUS, { id: created.id, version: 1, status: "PUBLISHED" }, t.julien);
      expect(codes(republish)).toEqual(["BAD_USER_INPUT"]);
      const extended = await hub.query<{ updateResource: Sheet }>(UPDATE, { id: created.id, version: 1, input: { expiresAt: inAYear } }, t.julien);
      expect(extended.data?.updateResource).toMatchObject({ live: true, version: 2 });
      expect(await titles({ search: "friches" })).toEqual(["Appel à manifestation d'intérêt friches"]);
    });
  });

  describe("Aides-Territoires engineering aids", () => {
    const IMPORT = `mutation { importEngineeringAids { received created updated unchanged archived skipped } }`;
    type Report = { importEngineeringAids: { received: number; created: number; updated: number; unchanged: number; archived: number; skipped: number } };

    it("imports them once, idempotently, and refreshes what changed", async () => {
      expect(codes(await hub.query(IMPORT, {}, t.julien))).toEqual(["FORBIDDEN"]);
      const first = await hub.query<Report>(IMPORT, {}, t.nadia);
      expect(first.errors).toBeUndefined();
      const report = first.data!.importEngineeringAids;
      expect(report.created).toBeGreaterThan(100);
      expect(report).toMatchObject({ updated: 0, unchanged: 0, archived: 0, received: report.created + report.skipped });
      const [{ count }] = await hub.sql<{ count: string }>("funding", "SELECT count(*) FROM resource WHERE source = 'AIDES_TERRITOIRES' AND kind = 'ENGINEERING_AID'");
      expect(Number(count)).toBe(report.created);

      const again = await hub.query<Report>(IMPORT, {}, t.nadia);
      expect(again.data!.importEngineeringAids).toEqual({ ...report, created: 0, unchanged: report.created });
      const [{ count: after }] = await hub.sql<{ count: string }>("funding", "SELECT count(*) FROM resource WHERE source = 'AIDES_TERRITOIRES'");
      expect(Number(after)).toBe(report.created);

      // Aides-Territoires renames one: a new version of that sheet only.
      const [aid] = await hub.sql<{ external_id: string; id: string }>(
        "funding",
        "SELECT external_id, id FROM resource WHERE source = 'AIDES_TERRITOIRES' AND 'DEPARTEMENT:63' = ANY(territory_ids) ORDER BY external_id LIMIT 1",
      );
      hub.standIn.renameAid(Number(aid.external_id.slice(3)), "Ingénierie départementale renommée pour le test");
      const third = await hub.query<Report>(IMPORT, {}, t.nadia);
      expect(third.data!.importEngineeringAids).toMatchObject({ created: 0, updated: 1, unchanged: report.created - 1 });
      const read = await hub.query<{ resource: { title: string; territories: { id: string }[]; versions: { version: number }[]; provider: { name: string } | null } }>(ONE, { id: aid.id }, t.camille);
      expect(read.data!.resource).toMatchObject({ title: "Ingénierie départementale renommée pour le test", territories: [{ id: "DEPARTEMENT:63" }] });
      expect(read.data!.resource.versions.map((v) => v.version)).toEqual([2, 1]);
      expect(read.data!.resource.provider?.name).toBeTruthy();
      // Found by words and place like any sheet.
      expect(await titles({ search: "ingenierie departementale renommee", territoryId: "COMMUNE:63113", kind: "ENGINEERING_AID" })).toEqual(["Ingénierie départementale renommée pour le test"]);
    });
  });

  describe("contact book", () => {
    const CREATE_CONTACT = `mutation C($input: ContactInput!) { createContact(input: $input) { id name kind email phone version organization { name } territory { id } viewerCanEdit } }`;
    const CONTACTS = `query L($search: String, $kind: ContactKind) { contacts(search: $search, kind: $kind, first: 50) { totalCount edges { node { id name email role kind } } } }`;

    it("writes, finds, hides personal data from analysts, and guards edits and deletions", async () => {
      const org = await hub.query<{ createContact: { id: string } }>(
        CREATE_CONTACT,
        { input: { kind: "ORGANIZATION", name: "Agence départementale d'ingénierie du Puy-de-Dôme", territoryId: "DEPARTEMENT:63" } },
        t.julien,
      );
      expect(org.errors).toBeUndefined();
      const person = await hub.query<{ createContact: { id: string; phone: string; version: number; organization: { name: string } } }>(
        CREATE_CONTACT,
        {
          input: {
            kind: "PERSON",
            name: "Émilie Véron",
            role: "Chargée de mission énergies",
            email: "Emilie.Veron@adi63.demo",
            phone: "+33 4 99 00 11 22",
            organizationId: org.data!.createContact.id,
            territoryId: "COMMUNE:63113",
          },
        },
        t.julien,
      );
      expect(person.data!.createContact).toMatchObject({ phone: "04 99 00 11 22", version: 1, organization: { name: "Agence départementale d'ingénierie du Puy-de-Dôme" } });
      const personId = person.data!.createContact.id;

      // Out of the DDT's reach, and bad fields.
      expect(codes(await hub.query(CREATE_CONTACT, { input: { kind: "PERSON", name: "Agent du Cantal", territoryId: "DEPARTEMENT:15" } }, t.julien))).toEqual(["FORBIDDEN"]);
      expect(codes(await hub.query(CREATE_CONTACT, { input: { kind: "PERSON", name: "Sans courriel", email: "pas-un-courriel" } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
      expect(codes(await hub.query(CREATE_CONTACT, { input: { kind: "PERSON", name: "Mauvais numéro", phone: "12" } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
      expect(codes(await hub.query(CREATE_CONTACT, { input: { kind: "PERSON", name: "Une personne", organizationId: personId } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
      expect(codes(await hub.query(CREATE_CONTACT, { input: { kind: "ORGANIZATION", name: "Mairie" } }, t.camille))).toEqual(["FORBIDDEN"]);

      // Search: accents and plurals need not match.
      const found = await hub.query<{ contacts: { totalCount: number; edges: { node: { name: string | null; email: string | null } }[] } }>(CONTACTS, { search: "energie" }, t.camille);
      expect(found.data!.contacts.edges.map((e) => e.node)).toEqual([{ id: personId, name: "Émilie Véron", email: "emilie.veron@adi63.demo", role: "Chargée de mission énergies", kind: "PERSON" }]);
      expect((await hub.query<{ contacts: { totalCount: number } }>(CONTACTS, { search: "agences departementales" }, t.camille)).data!.contacts.totalCount).toBe(1);
      const byAnalyst = await hub.query<{ contacts: { edges: { node: { name: string | null; email: string | null } }[] } }>(CONTACTS, { search: "energie" }, t.louis);
      expect(byAnalyst.data!.contacts.edges.map((e) => [e.node.name, e.node.email])).toEqual([[null, null]]);

      // Versions: a stale edit is a CONFLICT.
      const UPDATE_CONTACT = `mutation U($id: ID!, $version: Int!, $input: ContactUpdateInput!) { updateContact(id: $id, version: $version, input: $input) { version role } }`;
      expect(
        (await hub.query<{ updateContact: { version: number } }>(UPDATE_CONTACT, { id: personId, version: 1, input: { role: "Responsable énergie" } }, t.sophie)).data!.updateContact.version,
      ).toBe(2);
      expect(codes(await hub.query(UPDATE_CONTACT, { id: personId, version: 1, input: { role: "Autre" } }, t.julien))).toEqual(["CONFLICT"]);
      expect(codes(await hub.query(UPDATE_CONTACT, { id: personId, version: 2, input: { role: "Autre" } }, t.lea))).toEqual(["FORBIDDEN"]);

      // A contact in use is not deleted.
      await create("julien", sheet("Fiche avec un contact", { territoryIds: ["DEPARTEMENT:63"], contactIds: [personId], providerId: org.data!.createContact.id }));
      const DELETE = `mutation D($id: ID!, $version: Int!) { deleteContact(id: $id, version: $version) }`;
      expect(codes(await hub.query(DELETE, { id: personId, version: 2 }, t.julien))).toEqual(["CONFLICT"]);
      const spare = await hub.query<{ createContact: { id: string } }>(CREATE_CONTACT, { input: { kind: "PERSON", name: "Contact à retirer", territoryId: "DEPARTEMENT:63" } }, t.julien);
      expect((await hub.query<{ deleteContact: string }>(DELETE, { id: spare.data!.createContact.id, version: 1 }, t.julien)).data!.deleteContact).toBe(spare.data!.createContact.id);
      expect(codes(await hub.query(`query { contact(id: "${spare.data!.createContact.id}") { id } }`, {}, t.julien))).toEqual(["NOT_FOUND"]);
    });
  });
});
