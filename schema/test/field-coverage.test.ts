import { Supergraph } from "@apollo/federation-internals";
import { isObjectType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from "graphql";
import { CAMILLE, JULIEN, NADIA, startHub, type Hub } from "@hub/testing";
import { readSupergraph } from "../src";

/**
 * Every field of the composed API is selected by one of these operations, and each runs
 * through the real gateway without error: a field that composes but cannot be resolved fails.
 */
type Ids = Record<string, string>;
/** `keep`: ids a later step needs, read from this step's answer (a recommendation, a resource...). */
type Step = { name: string; as?: "camille" | "nadia" | "julien"; query: string; variables?: (ids: Ids) => Record<string, unknown>; keep?: (data: Record<string, { id: string }>) => Ids };

const TOUR: Step[] = [
  {
    name: "the collectivité completes and submits its project",
    query: `mutation Complete($id: ID!) {
      updateProject(id: $id, version: 1, input: { phase: ETUDE, programmes: ["CRTE"], budgetEuros: 250000, startDate: "2027-01-01", endDate: "2028-06-30" }) { version }
      updateDiagnostic(id: $id, version: 2, input: { needs: "Eau potable", blockers: "Foncier", partners: ["Agence de l'eau"], financingPlan: [{ source: "Commune", amountEuros: 50000, secured: true }], calendar: "2027", maturity: PROGRAMMED }) { version }
      changeProjectStatus(input: { projectId: $id, transition: SUBMIT }) { status }
      addComment(projectId: $id, body: "Dossier complet.") { id }
    }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "the DDT qualifies, assigns, blocks and associates",
    as: "julien",
    query: `mutation Qualify($id: ID!, $me: ID!) {
      q: changeProjectStatus(input: { projectId: $id, transition: QUALIFY, priority: HIGH }) { status }
      a: changeProjectStatus(input: { projectId: $id, transition: ASSIGN, assignees: [{ personId: $me, theme: "eau" }] }) { status }
      blockProject(id: $id, reason: "Attente du foncier") { blockedReason }
      unblockProject(id: $id) { blockedReason }
      associateOrganization(projectId: $id, organizationId: "OPERATOR:CEREMA") { id }
      addComment(projectId: $id, body: "Priorité départementale.", internal: true) { internal }
      addAction(projectId: $id, title: "Étude de sol") { id }
    }`,
    variables: ({ projectId, personId }) => ({ id: projectId, me: personId }),
  },
  {
    name: "the DDT's inbox",
    as: "julien",
    query: `query Inbox { inbox(first: 5, filter: { theme: "eau" }) { edges { cursor node { id priority unreadCount } } pageInfo { hasNextPage } } inboxUnreadCount }`,
  },
  {
    name: "the DDT chooses a daily digest of its e-mails",
    as: "julien",
    query: `mutation Digest { setNotificationFrequency(frequency: DAILY_DIGEST) { id notificationFrequency } }`,
  },
  {
    name: "the DDT agent declares the themes followed",
    as: "julien",
    query: `mutation Themes { setMyThemes(themes: ["eau", "nature-environnement-risques"]) { id themes } }`,
  },
  {
    name: "the DDT reads the fiche",
    as: "julien",
    query: `mutation Read($id: ID!) { markProjectRead(projectId: $id) { id unreadCount } }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "project fiche",
    query: `query Tour($id: ID!) {
      project(id: $id) {
        id title description status themes createdAt updatedAt version phase programmes budgetEuros startDate endDate priority blockedReason statusReason submittedAt externalSource externalId
        diagnostic { needs blockers partners financingPlan { source amountEuros secured } calendar maturity }
        assignees { theme assignedAt person { id } }
        actors { id }
        actions { id title description status createdAt updatedAt }
        documents { id name contentType size sha256 createdAt url uploadedBy { id } }
        comments(first: 10) { edges { cursor node { id body internal createdAt author { id } } } pageInfo { hasNextPage } }
        territory { id kind code name population siren postalCodes departement { id } region { id } arrondissement { id } epcis { id }
          crtes { id } commune { id } stats { projectCount byStatus { status count } } }
        territories { id name }
        viewerCan { transitions edit comment internalNotes }
        owner { id kind name siret territory { id } }
        createdBy { id email givenName usualName status name organization { id } memberships { role createdAt organization { id } } }
        fundingOpportunities(first: 2, kind: FINANCIAL) {
          edges { cursor node { id name url kind score reasons description eligibility financers instructors programs aidTypes categories targetedAudiences steps destinations perimeter
            callForProjects submissionDeadline subventionRateLowerBound subventionRateUpperBound subventionComment applicationUrl originUrl contact fetchedAt stale } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
        activity(first: 50) { edges { cursor node { id at kind summary actor { id } project { id }
          details { __typename ... on StatusChangeDetails { from to reason priority } ... on FieldsChangedDetails { fields } ... on BlockDetails { reason }
            ... on ActionDetails { actionId previousStatus status } ... on ExternalDetails { payload } } } } pageInfo { hasNextPage } }
      }
    }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "a Fonds vert application prepared on Démarches Simplifiées, then followed",
    query: `mutation Apply($id: ID!) {
      prepareFundingApplication(projectId: $id, procedure: "FONDS_VERT") {
        __typename
        ... on FundingApplicationPrepared { url application { id procedure demarcheNumber dossierNumber dossierUrl status amountRequested amountGranted submittedAt processedAt createdAt updatedAt } }
        ... on FundingApplicationIncomplete { message missing { champ message } }
      }
      refreshFundingApplications(projectId: $id) { id status }
    }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "the démarches and a project's applications",
    query: `query Applications($id: ID!) {
      fundingProcedures { key name description demarcheNumber apiSync champs { label type source required } }
      project(id: $id) { fundingApplications { id status } }
    }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "lists and lookups",
    query: `query Lists($after: String) {
      projects(first: 5, filter: { territoryId: "DEPARTEMENT:63" }) { edges { cursor node { id } } pageInfo { endCursor } }
      activities(first: 5, after: $after) { edges { node { id internal } } }
      latestActivityId
      territories(search: "clermont", kind: COMMUNE, first: 3) { edges { cursor node { id members(first: 2) { edges { node { id } } } } } pageInfo { hasNextPage } }
      territory(id: "EPCI:246300701") { name members(first: 3) { edges { node { name } } pageInfo { hasNextPage } } projects(first: 2) { edges { node { id } } } }
      me { assignedProjects(first: 2) { edges { node { id } } } organization { projects(first: 2) { edges { node { id } } } } }
      organization(id: "COLLECTIVITE:216301135") { id name kind members(first: 5) { edges { cursor node { id } } pageInfo { hasNextPage } } }
      organizations(search: "cerema", kind: OPERATOR, first: 2) { edges { cursor node { id } } pageInfo { hasNextPage } }
      me { id notificationFrequency invitations { id role createdAt organization { id } } }
      fundingOpportunity(id: "AT:150000") { id name }
      fundingOpportunities(filter: { territoryId: "DEPARTEMENT:63", themes: ["eau"], phase: OPERATION, kind: ENGINEERING }, first: 2) { edges { node { id reasons } } }
      portfolio(filter: { territoryId: "REGION:84", theme: "eau" }) { currentAt projectCount byStatus { status count }
        byTheme { key count budget amountRequested amountGranted } byProgramme { key count } byPhase { key count }
        amounts { budget amountRequested amountGranted } medianDays { toQualification toAssignment toFundingDecision } inactiveProjectCount }
      portfolioSeries(filter: { territoryId: "REGION:84" }, interval: MONTH) { currentAt interval points { period created submitted qualified assigned fundingDecided amountGranted } }
    }`,
    variables: () => ({ after: "0" }),
  },
  {
    name: "people and API keys (ANCT national)",
    as: "nadia",
    query: `mutation People($personId: ID!) {
      invitePerson(input: { email: "nouvelle.recrue@clermont-ferrand.demo", givenName: "Inès", usualName: "Lambert", organizationId: "COLLECTIVITE:216301135" }) { id role createdAt organization { id } }
      createApiKey(input: { name: "Programme CRTE", scopes: ["projects:read"] }) { key apiKey { id name prefix scopes createdAt revokedAt } }
      suspendPerson(id: $personId) { id status }
    }`,
    variables: ({ personId }) => ({ personId }),
  },
  {
    name: "the ANCT national rebuilds the portfolio read model",
    as: "nadia",
    query: `mutation Rebuild { rebuildPortfolio }`,
  },
  {
    name: "import of existing projects (ANCT national)",
    as: "nadia",
    query: `mutation Import($content: String!) {
      importProjects(content: $content, format: CSV, dryRun: true, source: "tour") {
        source dryRun written rows created updated unchanged errorCount errors { line column message }
      }
    }`,
    variables: () => ({ content: "identifiant_externe;territoire;titre;statut\nFA-1;63113;École;déposé\nFA-2;63113;;déposé" }),
  },
  {
    name: "API keys list and revocation (ANCT national)",
    as: "nadia",
    query: `query Keys { apiKeys(first: 5) { edges { cursor node { id } } pageInfo { hasNextPage } } }`,
  },
  {
    name: "a Grist table fed with the projects, kept current, then no longer (ANCT national)",
    as: "nadia",
    query: `mutation Grist {
      syncToGrist(docId: "suivi-crte", tableId: "Projets", filter: { territoryId: "DEPARTEMENT:63" }, keepCurrent: true) { docId tableId rows requests columnsCreated currentAt scheduled done }
      stopGristSync(docId: "suivi-crte", tableId: "Projets")
    }`,
  },
  {
    name: "the ANCT national reactivates the suspended agent and finds people, themes and keys",
    as: "nadia",
    query: `mutation Reactivate($personId: ID!) {
      reactivatePerson(id: $personId) { id status themes }
      createApiKey(input: { name: "CRTE Auvergne-Rhône-Alpes", scopes: ["projects:read", "stats:read"], programmes: ["CRTE"], territoryIds: ["REGION:84"], requestsPerMinute: 120, maxOperationCost: 5000, costPerMinute: 20000, trustedOperationsOnly: false }) {
        apiKey { id programmes territoryIds requestsPerMinute maxOperationCost costPerMinute trustedOperationsOnly }
      }
    }`,
    variables: ({ personId }) => ({ personId }),
  },
  {
    name: "counts of every list",
    as: "nadia",
    query: `query Counts($id: ID!) {
      people(filter: { search: "bernard", status: ACTIVE }, first: 2) { totalCount edges { cursor node { id themes } } pageInfo { hasNextPage } }
      themes { slug name }
      apiKeys(first: 1) { totalCount }
      organizations(search: "ddt", first: 1) { totalCount }
      territories(search: "clermont", first: 1) { totalCount }
      projects(first: 1, filter: { territoryId: "DEPARTEMENT:63" }) { totalCount }
      project(id: $id) { comments(first: 1) { totalCount } activity(first: 1) { totalCount } fundingOpportunities(first: 1) { totalCount } documents { id viewerCanDelete } }
    }`,
    variables: ({ projectId }) => ({ id: projectId }),
  },
  {
    name: "the library's contact book (ANCT national)",
    as: "nadia",
    query: `mutation Contacts {
      provider: createContact(input: { kind: ORGANIZATION, name: "Cerema Centre-Est", role: "Direction territoriale", email: "centre-est@cerema.demo", phone: "04 72 00 00 00", territoryId: "REGION:84" }) {
        id kind name role email phone version createdAt updatedAt organization { id } territory { id } owner { id } viewerCanEdit
      }
      spare: createContact(input: { kind: PERSON, name: "Chargée de mission eau", role: "Appui aux collectivités" }) { id }
    }`,
    keep: (data) => ({ contactId: data.provider.id, spareId: data.spare.id }),
  },
  {
    name: "a resource sheet written, edited, published; a contact edited and another removed (ANCT national)",
    as: "nadia",
    query: `mutation Sheet($contactId: ID!, $spareId: ID!) {
      createResource(input: { title: "Guide de l'eau potable", summary: "Sécuriser la ressource en eau", body: "## Étapes", themes: ["eau"], territoryIds: ["DEPARTEMENT:63"], kind: GUIDE, url: "https://www.cerema.fr/", providerId: $contactId, contactIds: [$contactId] }) { id version }
      updateContact(id: $contactId, version: 1, input: { role: "Direction territoriale Centre-Est" }) { version }
      deleteContact(id: $spareId, version: 1)
    }`,
    variables: (ids) => ({ contactId: ids.contactId, spareId: ids.spareId }),
    keep: (data) => ({ resourceId: data.createResource.id }),
  },
  {
    name: "the sheet's versions and status, the search and the engineering aids of Aides-Territoires (ANCT national)",
    as: "nadia",
    query: `mutation Publish($id: ID!) {
      updateResource(id: $id, version: 1, input: { summary: "Sécuriser et économiser la ressource en eau" }) { version }
      setResourceStatus(id: $id, version: 2, status: PUBLISHED) { version status }
      importEngineeringAids { received created updated unchanged archived skipped }
    }`,
    variables: (ids) => ({ id: ids.resourceId }),
  },
  {
    name: "the library read",
    query: `query Library($id: ID!, $contactId: ID!) {
      resource(id: $id) {
        id title summary body themes kind status expiresAt url source externalId version createdAt updatedAt territories { id } national expired live
        provider { id } contacts { id } owner { id } viewerCanEdit
        versions { version editedAt editedBy { id } title summary body themes territories { id } kind status expiresAt url }
      }
      resources(filter: { search: "eau", theme: "eau", territoryId: "COMMUNE:63113", kind: GUIDE, status: PUBLISHED }, first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } }
      contact(id: $contactId) { id }
      contacts(search: "cerema", kind: ORGANIZATION, first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } }
    }`,
    variables: (ids) => ({ id: ids.resourceId, contactId: ids.contactId }),
  },
  {
    name: "the DDT recommends the sheet, publishes it, and recommends against a block",
    as: "julien",
    query: `mutation Recommend($projectId: ID!, $resourceId: ID!, $contactId: ID!) {
      draft: recommend(input: { projectId: $projectId, resourceId: $resourceId, title: "Lire le guide de l'eau", why: "Votre projet touche la ressource", whatToDo: "Prendre contact avec le Cerema", contactId: $contactId, contactText: "Cerema Centre-Est", deadline: "2027-03-31", priority: HIGH }) { id }
      blockProject(id: $projectId, reason: "Attente de l'étude de sol") { blockedReason }
      blocked: recommend(input: { projectId: $projectId, title: "Commander l'étude de sol", publish: true, forBlock: true }) { id }
    }`,
    variables: (ids) => ({ projectId: ids.projectId, resourceId: ids.resourceId, contactId: ids.contactId }),
    keep: (data) => ({ recommendationId: data.draft.id, blockRecommendationId: data.blocked.id }),
  },
  {
    name: "the DDT publishes, sets the reminders, reads the board, moves a card and flags the project inactive",
    as: "julien",
    query: `mutation Follow($id: ID!, $projectId: ID!) {
      publishRecommendation(id: $id) { id visibility publishedAt }
      setReminderWeeks(territoryId: "DEPARTEMENT:63", weeks: 8)
      unblockProject(id: $projectId) { blockedReason }
      moveProjectCard(input: { projectId: $projectId, to: IN_PROGRESS }) { status }
      markProjectInactive(id: $projectId, reason: "Commune injoignable") { inactive { since reason } }
    }`,
    variables: (ids) => ({ id: ids.recommendationId, projectId: ids.projectId }),
  },
  {
    name: "the DDT's board and reminder delay",
    as: "julien",
    query: `query Board {
      reminderWeeks(territoryId: "DEPARTEMENT:63")
      projectBoard(territoryId: "DEPARTEMENT:63", cards: 3) { territory { id } totalCount columns { status count inactiveCount projects { id } } }
    }`,
  },
  {
    name: "the DDT's map of projects",
    as: "julien",
    query: `query Map { projectMap(filter: { theme: "eau" }) { totalCount departements { code count departement { id name } } } }`,
  },
  {
    name: "the collectivité reads the recommendation and follows it up",
    query: `mutation Answer($id: ID!) {
      markRecommendationRead(id: $id) { viewerHasRead }
      followUpRecommendation(id: $id, status: IN_PROGRESS, comment: "Rendez-vous pris avec le Cerema") {
        id title why whatToDo contactText deadline priority status visibility publishedAt createdAt updatedAt viewerHasRead version viewerCanEdit
        author { id } resource { id } contact { id } project { id } block { reason }
        followUps { id comment status createdAt } readBy { readAt reader { id } }
      }
    }`,
    variables: (ids) => ({ id: ids.recommendationId }),
  },
  {
    name: "the fiche's recommendations, block and journal",
    query: `query Recommendations($projectId: ID!, $id: ID!) {
      recommendation(id: $id) { id }
      project(id: $projectId) {
        inactive { since reason }
        block { reason since recommendations { id } }
        recommendations(first: 5, status: IN_PROGRESS) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } }
        activity(first: 100) { edges { node { details { __typename
          ... on RecommendationDetails { recommendationId title previousStatus status visibility fields }
          ... on ReminderDetails { weeksWithoutActivity openRecommendations { recommendationId title status deadline } }
          ... on InactivityDetails { reason automatic } } } } }
      }
    }`,
    variables: (ids) => ({ projectId: ids.projectId, id: ids.recommendationId }),
  },
  {
    name: "the DDT edits the block's recommendation, then deletes it",
    as: "julien",
    query: `mutation EditRecommendation($id: ID!) {
      updateRecommendation(id: $id, version: 1, input: { title: "Commander l'étude de sol au plus vite", why: "Le foncier en dépend", deadline: "2027-01-31", priority: HIGH, contactText: "Bureau d'études" }) { version }
      deleteRecommendation(id: $id) { id }
    }`,
    variables: (ids) => ({ id: ids.blockRecommendationId }),
  },
  {
    name: "the ANCT national writes the water questionnaire and a suggestion rule",
    as: "nadia",
    query: `mutation Questionnaire($resourceId: ID!) {
      saveQuestionnaire(input: { theme: "eau", title: "Eau potable", description: "Votre réseau", sets: [{ title: "Le réseau", questions: [
        { id: "fuites", label: "Des fuites sont-elles connues ?", help: "Rendement du réseau", kind: SINGLE_CHOICE, choices: [{ value: "oui", label: "Oui", tags: ["reseau-fuyard"] }, { value: "non", label: "Non" }] },
        { id: "rendement", label: "Quel rendement ?", kind: TEXT, showIf: { questionId: "fuites", values: ["oui"] } }
      ] }] }) {
        id theme currentVersion createdAt
        current { id version title description createdAt sets { title questions { id label help kind choices { value label tags } showIf { questionId values } } } }
        versions { id version }
      }
      createSuggestionRule(input: { name: "Réseaux fuyards", tags: ["reseau-fuyard"], themes: ["eau"], territoryIds: ["DEPARTEMENT:63"], resourceIds: [$resourceId] }) {
        id name tags themes version createdAt updatedAt territories { id } resources { id }
      }
    }`,
    variables: (ids) => ({ resourceId: ids.resourceId }),
    keep: (data) => ({ questionnaireVersionId: (data.saveQuestionnaire as unknown as { current: { id: string } }).current.id, ruleId: data.createSuggestionRule.id }),
  },
  {
    name: "the collectivité answers the questionnaire",
    query: `mutation Answer($projectId: ID!, $versionId: ID!) {
      answerQuestionnaire(input: { projectId: $projectId, questionnaireVersionId: $versionId, answers: [{ questionId: "fuites", choices: ["oui"], comment: "Rendement de 62 %" }] }) {
        id tags createdAt updatedAt outdated questionnaire { id } version { id }
        answers { questionId choices text comment answeredAt document { id } }
      }
    }`,
    variables: (ids) => ({ projectId: ids.projectId, versionId: ids.questionnaireVersionId }),
  },
  {
    name: "the DDT reads the état des lieux and the suggestions, and discards one",
    as: "julien",
    query: `mutation Discard($projectId: ID!, $resourceId: ID!) {
      discardSuggestion(projectId: $projectId, resourceId: $resourceId, reason: "Déjà en cours") { reason discardedAt resource { id } discardedBy { id } }
    }`,
    variables: (ids) => ({ projectId: ids.projectId, resourceId: ids.resourceId }),
  },
  {
    name: "the DDT restores the suggestion it discarded",
    as: "julien",
    query: `mutation Restore($projectId: ID!, $resourceId: ID!) {
      restoreSuggestion(projectId: $projectId, resourceId: $resourceId) { id restoredAt restoredBy { id } }
    }`,
    variables: (ids) => ({ projectId: ids.projectId, resourceId: ids.resourceId }),
  },
  {
    name: "the fiche's état des lieux, tags and suggestions",
    as: "julien",
    query: `query Suggestions($projectId: ID!) {
      questionnaires { id theme }
      questionnaire(theme: "eau") { id }
      suggestionRules { id }
      project(id: $projectId) {
        tags viewerCan { recommend }
        questionnaireAnswers(history: true) { id }
        suggestedResources { resource { id } matchedTags matchedThemes matchedTerritories { id } rules { id } explanation }
        discardedSuggestions { reason }
        history: discardedSuggestions(history: true) { id restoredAt }
      }
    }`,
    variables: (ids) => ({ projectId: ids.projectId }),
  },
  {
    name: "the ANCT national edits the rule, then removes it",
    as: "nadia",
    query: `mutation Rule($id: ID!, $resourceId: ID!) {
      updateSuggestionRule(id: $id, version: 1, input: { name: "Réseaux d'eau fuyards", tags: ["reseau-fuyard"], resourceIds: [$resourceId] }) { version }
      deleteSuggestionRule(id: $id, version: 2)
    }`,
    variables: (ids) => ({ id: ids.ruleId, resourceId: ids.resourceId }),
  },
];

function apiSchema(): GraphQLSchema {
  return Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();
}

function allFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith("__"))
    .flatMap((type) => Object.keys((type as import("graphql").GraphQLObjectType).getFields()).map((field) => `${type.name}.${field}`))
    .sort();
}

function selectedFields(schema: GraphQLSchema, query: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const fields: string[] = [];
  visit(
    parse(query),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && !node.name.value.startsWith("__")) fields.push(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return fields;
}

describe("every composed field resolves through the gateway", () => {
  let hub: Hub;
  let token: string;
  let nadia: string;
  let julien: string;
  let projectId: string;
  let personId: string;
  beforeAll(async () => {
    hub = await startHub();
    token = await hub.token(CAMILLE);
    nadia = await hub.token(NADIA);
    julien = await hub.token(JULIEN);
    const [julienRow] = await hub.sql<{ id: string }>("people-territories", "SELECT id FROM person WHERE email = 'julien.bernard@ddt63.demo'");
    personId = julienRow.id;
    const created = await hub.query<{ createProject: { id: string } }>(
      `mutation { createProject(input: { title: "Tour du graphe", territoryId: "COMMUNE:63113", themes: ["eau"], description: "Couverture" }) { id } }`,
      {},
      token,
    );
    expect(created.errors).toBeUndefined();
    projectId = created.data!.createProject.id;
  });
  afterAll(() => hub.stop());

  it("the tour selects every field of the API schema", () => {
    const schema = apiSchema();
    const covered = new Set([
      ...TOUR.flatMap((op) => selectedFields(schema, op.query)),
      "Mutation.createProject",
      "Query.person",
      "Mutation.revokeApiKey",
      // Exercised with their data in subgraphs/projects/test/fiche.test.ts.
      "Mutation.setActionStatus",
      // Exercised with a pending invitation in subgraphs/people-territories/test/people.test.ts.
      "Mutation.acceptInvitation",
      // Over WebSocket, through the gateway: gateway/test/subscriptions.test.ts.
      "Subscription.projectActivity",
      // Over WebSocket, through the gateway: subgraphs/people-territories/test/people-live.test.ts.
      "Subscription.personChanged",
      // Needs an uploaded document (a file sent to the gateway's route): subgraphs/projects/test/document-deletion.test.ts.
      "Mutation.deleteDocument",
    ]);
    expect(allFields(schema).filter((field) => !covered.has(field))).toEqual([]);
  });

  const ids: Ids = {};
  it.each(TOUR.map((op) => [op.name, op] as const))("%s runs without errors", async (_name, op) => {
    const response = await hub.query<Record<string, { id: string }>>(op.query, op.variables?.({ ...ids, projectId, personId }) ?? {}, op.as === "nadia" ? nadia : op.as === "julien" ? julien : token);
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
    Object.assign(ids, op.keep?.(response.data!));
  });

  it("resolves Query.person and Mutation.revokeApiKey", async () => {
    const person = await hub.query<{ person: { id: string } }>(`query($id: ID!) { person(id: $id) { id } }`, { id: personId }, nadia);
    expect(person.data).toEqual({ person: { id: personId } });
    const created = await hub.query<{ createApiKey: { apiKey: { id: string } } }>(`mutation { createApiKey(input: { name: "Temporaire", scopes: ["stats:read"] }) { apiKey { id } } }`, {}, nadia);
    const revoked = await hub.query<{ revokeApiKey: { revokedAt: string | null } }>(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: created.data!.createApiKey.apiKey.id }, nadia);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
  });
});
