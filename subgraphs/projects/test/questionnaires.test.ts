import { CAMILLE, codes, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";

const LOUIS = "louis.moreau@anct.demo";

const SAVE = `mutation($input: QuestionnaireInput!, $version: Int) { saveQuestionnaire(input: $input, version: $version) { id theme currentVersion current { id version title sets { title questions { id kind showIf { questionId values } choices { value tags } } } } } }`;
const ANSWER = `mutation($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { id tags answers { questionId choices text comment } version { version } } }`;
const READ = `query($id: ID!, $history: Boolean) { project(id: $id) { tags questionnaireAnswers(history: $history) { tags outdated version { id version sets { questions { id label } } } answers { questionId choices text comment } questionnaire { theme currentVersion } } } }`;
const SUGGESTED = `query($id: ID!) { project(id: $id) { suggestedResources { resource { id title } matchedTags matchedThemes matchedTerritories { id } rules { name } explanation } discardedSuggestions { reason discardedAt resource { id } discardedBy { id } } } }`;

const fioul = { value: "fioul", label: "Fioul", tags: ["chauffage-fioul"] };
const V1 = {
  theme: "energies-dechets",
  title: "Rénovation énergétique des bâtiments publics",
  sets: [
    {
      title: "Le bâtiment",
      questions: [
        { id: "chauffage", label: "Comment est-il chauffé ?", kind: "SINGLE_CHOICE", choices: [fioul, { value: "gaz", label: "Gaz" }] },
        {
          id: "age-chaudiere",
          label: "La chaudière a-t-elle plus de 15 ans ?",
          kind: "SINGLE_CHOICE",
          showIf: { questionId: "chauffage", values: ["fioul"] },
          choices: [
            { value: "oui", label: "Oui", tags: ["chaudiere-ancienne"] },
            { value: "non", label: "Non" },
          ],
        },
        { id: "remarques", label: "Remarques", kind: "TEXT" },
      ],
    },
  ],
};

type Response = { id: string; tags: string[]; answers: { questionId: string; choices: string[]; text: string | null; comment: string | null }[]; version: { version: number } };

describe("the état des lieux questionnaires and the suggestions they make, through the gateway", () => {
  let hub: Hub;
  const t: Record<string, string> = {};
  let projectId: string;
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    hub = await startHub();
    for (const [name, email] of Object.entries({ camille: CAMILLE, julien: JULIEN, nadia: NADIA, louis: LOUIS })) t[name] = await hub.token(email);
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Rénovation de l'école Jules-Ferry", territoryId: "COMMUNE:63113", themes: ["energies-dechets"] }) { id } }`,
      {},
      t.camille,
    );
    projectId = created.data!.createProject.id;
    await hub.query(`mutation($id: ID!) { changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status } }`, { id: projectId }, t.camille);
  });
  afterAll(() => hub.stop());

  const answer = (who: string, versionId: string, answers: unknown[]) =>
    hub.query<{ answerQuestionnaire: Response }>(ANSWER, { input: { projectId, questionnaireVersionId: versionId, answers } }, t[who]);

  it("lets ANCT national agents write a questionnaire, and nobody else", async () => {
    expect(codes(await hub.query(SAVE, { input: V1 }, t.camille))).toEqual(["FORBIDDEN"]);
    expect(codes(await hub.query(SAVE, { input: V1 }, t.julien))).toEqual(["FORBIDDEN"]);
    const backwards = { ...V1, sets: [{ title: "x", questions: [V1.sets[0].questions[1], V1.sets[0].questions[0]] }] };
    const refused = await hub.query(SAVE, { input: backwards }, t.nadia);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors![0].extensions!.field).toBe("input.sets[0].questions[0].showIf.questionId");
    expect(codes(await hub.query(SAVE, { input: { ...V1, theme: "astronomie" } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
    const saved = await hub.query<{ saveQuestionnaire: { currentVersion: number; current: { id: string; version: number } } }>(SAVE, { input: V1 }, t.nadia);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveQuestionnaire).toMatchObject({ currentVersion: 1, current: { version: 1 } });
    v1 = saved.data!.saveQuestionnaire.current.id;
    // A second "first version" of the theme is a stale write.
    expect(codes(await hub.query(SAVE, { input: V1 }, t.nadia))).toEqual(["CONFLICT"]);
  });

  it("saves answers as they come, shows a conditional question only after its answer, and gives tags", async () => {
    const gas = await answer("camille", v1, [{ questionId: "chauffage", choices: ["gaz"], comment: "Chaudière au sous-sol" }]);
    expect(gas.errors).toBeUndefined();
    expect(gas.data!.answerQuestionnaire).toMatchObject({ tags: [], answers: [{ questionId: "chauffage", choices: ["gaz"], comment: "Chaudière au sous-sol" }] });
    const hidden = await answer("camille", v1, [{ questionId: "age-chaudiere", choices: ["oui"] }]);
    expect(codes(hidden)).toEqual(["BAD_USER_INPUT"]);
    expect(hidden.errors![0].message).toContain("asked only when");
    expect(codes(await answer("camille", v1, [{ questionId: "chauffage", choices: ["charbon"] }]))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await answer("camille", v1, [{ questionId: "chauffage", choices: ["gaz", "fioul"] }]))).toEqual(["BAD_USER_INPUT"]);
    const oil = await answer("camille", v1, [
      { questionId: "chauffage", choices: ["fioul"] },
      { questionId: "age-chaudiere", choices: ["oui"] },
    ]);
    expect(oil.errors).toBeUndefined();
    expect(oil.data!.answerQuestionnaire.tags).toEqual(["chaudiere-ancienne", "chauffage-fioul"]);
    // The State of the département fills it in too; a text answer keeps the others.
    const note = await answer("julien", v1, [{ questionId: "remarques", text: "Audit prévu en 2027" }]);
    expect(note.data!.answerQuestionnaire.answers.map((a) => a.questionId)).toEqual(["chauffage", "age-chaudiere", "remarques"]);
    // Back to gas: the question that depended on fuel oil is dropped, with its tag.
    const back = await answer("camille", v1, [{ questionId: "chauffage", choices: ["gaz"] }]);
    expect(back.data!.answerQuestionnaire).toMatchObject({ tags: [], answers: [{ questionId: "chauffage" }, { questionId: "remarques" }] });
    await answer("camille", v1, [
      { questionId: "chauffage", choices: ["fioul"] },
      { questionId: "age-chaudiere", choices: ["oui"] },
    ]);
    const [row] = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM activity WHERE project_id = $1 AND kind = 'DIAGNOSTIC_UPDATED'", [projectId]);
    expect(row.n).toBe(5);
  });

  it("refuses answers from those who may not edit the project", async () => {
    expect(codes(await answer("louis", v1, [{ questionId: "remarques", text: "Vu" }]))).toEqual(["FORBIDDEN"]);
    expect(
      codes(await hub.query(ANSWER, { input: { projectId: "00000000-0000-4000-8000-000000000000", questionnaireVersionId: v1, answers: [{ questionId: "remarques", text: "?" }] } }, t.camille)),
    ).toEqual(["NOT_FOUND"]);
  });

  it("attaches one of the project's documents to an answer, and no other project's", async () => {
    const upload = async (id: string, name: string) => {
      const response = await fetch(`${hub.origin}/projects/${id}/documents?name=${encodeURIComponent(name)}`, {
        method: "POST",
        headers: { "content-type": "text/plain", authorization: `Bearer ${t.camille}` },
        body: "Audit énergétique 2023",
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const other = await hub.query<{ createProject: { id: string } }>(`mutation { createProject(input: { title: "Gymnase", territoryId: "COMMUNE:63113" }) { id } }`, {}, t.camille);
    const foreign = await upload(other.data!.createProject.id, "autre.txt");
    const refused = await answer("camille", v1, [{ questionId: "remarques", text: "Audit prévu en 2027", documentId: foreign }]);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await answer("camille", v1, [{ questionId: "remarques", text: "Audit prévu en 2027", documentId: "nope" }]))).toEqual(["BAD_USER_INPUT"]);
    const own = await upload(projectId, "audit.txt");
    const WITH_DOCUMENT = `mutation($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { answers { questionId text document { id name } } } }`;
    const attached = await hub.query<{ answerQuestionnaire: { answers: { questionId: string; text: string | null; document: { id: string; name: string } | null }[] } }>(
      WITH_DOCUMENT,
      { input: { projectId, questionnaireVersionId: v1, answers: [{ questionId: "remarques", text: "Audit prévu en 2027", documentId: own }] } },
      t.camille,
    );
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.answerQuestionnaire.answers.find((a) => a.questionId === "remarques")).toEqual({
      questionId: "remarques",
      text: "Audit prévu en 2027",
      document: { id: own, name: "audit.txt" },
    });
    // Without documentId, the answer no longer names it (the document stays in the project's).
    const detached = await hub.query<{ answerQuestionnaire: { answers: { questionId: string; document: { id: string } | null }[] } }>(
      WITH_DOCUMENT,
      { input: { projectId, questionnaireVersionId: v1, answers: [{ questionId: "remarques", text: "Audit prévu en 2027" }] } },
      t.camille,
    );
    expect(detached.data!.answerQuestionnaire.answers.find((a) => a.questionId === "remarques")!.document).toBeNull();
    const [kept] = await hub.sql<{ n: number }>("projects", "SELECT count(*)::int AS n FROM document WHERE id = $1", [own]);
    expect(kept.n).toBe(1);
  });

  it("keeps the answers to a version readable after a new version, and carries over what still fits", async () => {
    const edited = {
      ...V1,
      sets: [
        {
          title: "Le bâtiment",
          questions: [{ ...V1.sets[0].questions[0], label: "Quelle énergie chauffe le bâtiment ?" }, V1.sets[0].questions[1], { id: "surface", label: "Surface chauffée (m²)", kind: "TEXT" }],
        },
      ],
    };
    expect(codes(await hub.query(SAVE, { input: edited, version: 7 }, t.nadia))).toEqual(["CONFLICT"]);
    const saved = await hub.query<{ saveQuestionnaire: { currentVersion: number; current: { id: string } } }>(SAVE, { input: edited, version: 1 }, t.nadia);
    expect(saved.data!.saveQuestionnaire.currentVersion).toBe(2);
    v2 = saved.data!.saveQuestionnaire.current.id;
    type Read = {
      project: {
        tags: string[];
        questionnaireAnswers: { outdated: boolean; version: { id: string; version: number; sets: { questions: { id: string; label: string }[] }[] }; answers: { questionId: string }[] }[];
      };
    };
    const before = await hub.query<Read>(READ, { id: projectId }, t.camille);
    const [old] = before.data!.project.questionnaireAnswers;
    expect(old).toMatchObject({ outdated: true, version: { id: v1, version: 1 } });
    expect(old.version.sets[0].questions.map((q) => q.label)).toContain("Comment est-il chauffé ?");
    expect(old.answers.map((a) => a.questionId)).toEqual(["chauffage", "age-chaudiere", "remarques"]);
    expect(codes(await answer("camille", v1, [{ questionId: "remarques", text: "Encore" }]))).toEqual(["CONFLICT"]);
    const next = await answer("camille", v2, [{ questionId: "surface", text: "1 200" }]);
    expect(next.errors).toBeUndefined();
    expect(next.data!.answerQuestionnaire).toMatchObject({ version: { version: 2 }, tags: ["chaudiere-ancienne", "chauffage-fioul"] });
    expect(next.data!.answerQuestionnaire.answers.map((a) => a.questionId)).toEqual(["chauffage", "age-chaudiere", "surface"]);
    const history = await hub.query<Read>(READ, { id: projectId, history: true }, t.camille);
    expect(history.data!.project.questionnaireAnswers.map((r) => [r.version.version, r.outdated, r.answers.length])).toEqual([
      [2, false, 3],
      [1, true, 3],
    ]);
    expect(history.data!.project.tags).toEqual(["chaudiere-ancienne", "chauffage-fioul"]);
  });

  describe("suggestions (funding's rules on the project's tags, themes and territory)", () => {
    const resources: Record<string, string> = {};
    const createResource = async (key: string, input: Record<string, unknown>) => {
      const result = await hub.query<{ createResource: { id: string } }>(
        `mutation($input: ResourceInput!) { createResource(input: $input) { id } }`,
        { input: { summary: "Une fiche de test.", body: "Le corps.", kind: "GUIDE", status: "PUBLISHED", ...input } },
        t.nadia,
      );
      expect(result.errors).toBeUndefined();
      resources[key] = result.data!.createResource.id;
    };
    const RULE = `mutation($input: SuggestionRuleInput!) { createSuggestionRule(input: $input) { id version tags territories { id } resources { id } } }`;

    beforeAll(async () => {
      await createResource("cep", { title: "Conseil en énergie partagé", themes: ["energies-dechets"] });
      await createResource("marseille", { title: "Chaleur renouvelable en Bouches-du-Rhône", territoryIds: ["DEPARTEMENT:13"] });
      await createResource("draft", { title: "Fiche en préparation", status: "DRAFT" });
      await createResource("expired", { title: "Appel à projets clos" });
      await createResource("fonds", { title: "Fonds chaleur de l'ADEME" });
      await createResource("commerce", { title: "Manager de commerce" });
      await hub.sql("funding", "UPDATE resource SET expires_at = now() - interval '1 day' WHERE id = $1", [resources.expired]);
    });

    it("lets the writers of the library write rules, within their reach", async () => {
      const bad = await hub.query(RULE, { input: { name: "Sans critère", resourceIds: [resources.cep] } }, t.julien);
      expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
      expect(codes(await hub.query(RULE, { input: { name: "Fioul", tags: ["chauffage-fioul"], resourceIds: [resources.cep] } }, t.camille))).toEqual(["FORBIDDEN"]);
      expect(codes(await hub.query(RULE, { input: { name: "Fioul 13", tags: ["chauffage-fioul"], territoryIds: ["DEPARTEMENT:13"], resourceIds: [resources.cep] } }, t.julien))).toEqual(["FORBIDDEN"]);
      expect(codes(await hub.query(RULE, { input: { name: "Inconnue", tags: ["x"], resourceIds: ["00000000-0000-4000-8000-000000000000"] } }, t.nadia))).toEqual(["BAD_USER_INPUT"]);
      const ddt = await hub.query(
        RULE,
        {
          input: {
            name: "Fioul dans le Puy-de-Dôme",
            tags: ["chauffage-fioul"],
            territoryIds: ["DEPARTEMENT:63"],
            resourceIds: [resources.cep, resources.marseille, resources.draft, resources.expired],
          },
        },
        t.julien,
      );
      expect(ddt.errors).toBeUndefined();
      expect(ddt.data).toMatchObject({ createSuggestionRule: { version: 1, territories: [{ id: "DEPARTEMENT:63" }] } });
      const national = await hub.query(
        RULE,
        { input: { name: "Vieilles chaudières", tags: ["chaudiere-ancienne"], themes: ["energies-dechets"], resourceIds: [resources.cep, resources.fonds] } },
        t.nadia,
      );
      expect(national.errors).toBeUndefined();
      const other = await hub.query(RULE, { input: { name: "Commerces vacants", tags: ["vacance-commerciale"], resourceIds: [resources.commerce] } }, t.nadia);
      expect(other.errors).toBeUndefined();
    });

    type Suggested = {
      project: {
        suggestedResources: { resource: { id: string }; matchedTags: string[]; matchedThemes: string[]; matchedTerritories: { id: string }[]; rules: { name: string }[]; explanation: string }[] | null;
        discardedSuggestions: { reason: string; resource: { id: string }; discardedBy: { id: string } | null }[] | null;
      };
    };

    it("suggests published, unexpired resources that apply where the project is, and says why", async () => {
      const result = await hub.query<Suggested>(SUGGESTED, { id: projectId }, t.julien);
      expect(result.errors).toBeUndefined();
      const suggested = result.data!.project.suggestedResources!;
      expect(suggested.map((s) => s.resource.id)).toEqual([resources.cep, resources.fonds]);
      expect(suggested[0]).toMatchObject({
        matchedTags: ["chaudiere-ancienne", "chauffage-fioul"],
        matchedThemes: ["energies-dechets"],
        matchedTerritories: [{ id: "DEPARTEMENT:63" }],
        rules: [{ name: "Fioul dans le Puy-de-Dôme" }, { name: "Vieilles chaudières" }],
      });
      expect(suggested[0].explanation).toBe("Réponses de l'état des lieux : chaudiere-ancienne, chauffage-fioul · Thème : Énergies / Déchets · Territoire : Puy-de-Dôme");
      expect(suggested[1]).toMatchObject({ matchedTags: ["chaudiere-ancienne"], matchedTerritories: [] });
      expect(suggested[1].explanation).toContain("toute la France");
    });

    it("keeps suggestions for the State side", async () => {
      const camille = await hub.query<Suggested>(SUGGESTED, { id: projectId }, t.camille);
      expect(codes(camille)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(camille.data!.project.suggestedResources).toBeNull();
      expect(codes(await hub.query(`mutation($p: ID!, $r: ID!) { discardSuggestion(projectId: $p, resourceId: $r) { reason } }`, { p: projectId, r: resources.cep }, t.camille))).toEqual([
        "FORBIDDEN",
      ]);
    });

    it("drops a suggestion once recommended, or discarded (who, when, why)", async () => {
      const recommended = await hub.query(
        `mutation($input: RecommendInput!) { recommend(input: $input) { id } }`,
        { input: { projectId, resourceId: resources.fonds, title: "Solliciter le Fonds chaleur" } },
        t.julien,
      );
      expect(recommended.errors).toBeUndefined();
      const DISCARD = `mutation($p: ID!, $r: ID!) { discardSuggestion(projectId: $p, resourceId: $r, reason: "Déjà accompagnée par le SDE") { reason discardedAt resource { id } } }`;
      const discarded = await hub.query(DISCARD, { p: projectId, r: resources.cep }, t.julien);
      expect(discarded.errors).toBeUndefined();
      expect(codes(await hub.query(DISCARD, { p: projectId, r: resources.cep }, t.julien))).toEqual(["CONFLICT"]);
      expect(codes(await hub.query(DISCARD, { p: projectId, r: "nope" }, t.julien))).toEqual(["BAD_USER_INPUT"]);
      const after = await hub.query<Suggested>(SUGGESTED, { id: projectId }, t.julien);
      expect(after.data!.project.suggestedResources).toEqual([]);
      expect(after.data!.project.discardedSuggestions).toMatchObject([{ reason: "Déjà accompagnée par le SDE", resource: { id: resources.cep } }]);
      expect(after.data!.project.discardedSuggestions![0].discardedBy).not.toBeNull();
      const [row] = await hub.sql<{ discarded_by: string }>("funding", "SELECT discarded_by FROM suggestion_discard WHERE project_id = $1", [projectId]);
      const [julien] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = $1", [JULIEN]);
      expect(row.discarded_by).toBe(julien.id);
    });
  });
});
