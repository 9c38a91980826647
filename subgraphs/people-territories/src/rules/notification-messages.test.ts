import { audienceOf, digestDueAt, digestEmail, eventOf, messageOf, retryDelayMs, type JournalEntry } from "./notification-messages";

const entry = (kind: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  id: "1",
  at: "2026-12-02T08:00:00Z",
  kind,
  actorId: null,
  internal: false,
  details: null,
  project: { id: "p", title: "École", ownerId: "COLLECTIVITE:1", territoryIds: [], assigneeIds: ["a"], actorOrganizationIds: ["OPERATOR:CEREMA"] },
  ...extra,
});

describe("notification rules", () => {
  it("notifies submissions, assignments and messages only", () => {
    expect(eventOf(entry("STATUS_CHANGED", { details: { to: "SUBMITTED" } }))).toBe("SUBMITTED");
    expect(eventOf(entry("STATUS_CHANGED", { details: { to: "QUALIFIED" } }))).toBeNull();
    expect(eventOf(entry("ASSIGNED"))).toBe("ASSIGNED");
    expect(eventOf(entry("COMMENT_ADDED"))).toBe("MESSAGE");
    expect(eventOf(entry("COMMENT_ADDED", { internal: true }))).toBe("INTERNAL_NOTE");
    expect(eventOf(entry("DOCUMENT_ADDED"))).toBeNull();
  });

  it("sends a message to the participants, an internal note to the State's among them", () => {
    expect(audienceOf("MESSAGE", entry("COMMENT_ADDED"), ["63"])).toEqual({ personIds: ["a"], organizationIds: ["COLLECTIVITE:1", "OPERATOR:CEREMA"], stateDepartements: [], stateOnly: false });
    // Not every State agent of the département: the project's own (its assignees), as for a message.
    expect(audienceOf("INTERNAL_NOTE", entry("COMMENT_ADDED"), ["63"])).toEqual({ personIds: ["a"], organizationIds: ["COLLECTIVITE:1", "OPERATOR:CEREMA"], stateDepartements: [], stateOnly: true });
    expect(audienceOf("SUBMITTED", entry("STATUS_CHANGED"), ["63", "03"]).stateDepartements).toEqual(["63", "03"]);
    expect(audienceOf("ASSIGNED", entry("ASSIGNED", { details: { assigneeIds: ["b"] } }), []).personIds).toEqual(["b"]);
  });

  it("sends the digest at the next digest hour, UTC", () => {
    expect(digestDueAt(new Date("2026-12-02T05:59:00Z"), 6).toISOString()).toBe("2026-12-02T06:00:00.000Z");
    expect(digestDueAt(new Date("2026-12-02T06:00:00Z"), 6).toISOString()).toBe("2026-12-03T06:00:00.000Z");
    expect(digestDueAt(new Date("2026-12-31T23:00:00Z"), 6).toISOString()).toBe("2027-01-01T06:00:00.000Z");
  });

  it("backs off from 30 s, doubling, up to an hour", () => {
    expect([1, 2, 3, 10].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000]);
  });

  it("writes the digest in French, singular and plural", () => {
    expect(digestEmail("Léa", [{ text: "x", link: "l" }]).subject).toBe("Votre résumé quotidien : 1 nouveauté sur vos projets");
    expect(
      digestEmail("Léa", [
        { text: "x", link: "l" },
        { text: "y", link: "m" },
      ]).text,
    ).toContain("• y\n  m");
  });

  it("reminds the collectivité, listing its open recommendations in French", () => {
    expect(eventOf(entry("REMINDER_DUE"))).toBe("REMINDER");
    expect(audienceOf("REMINDER", entry("REMINDER_DUE"), ["63"])).toEqual({ personIds: [], organizationIds: ["COLLECTIVITE:1"], stateDepartements: [], stateOnly: false });
    const details = {
      weeksWithoutActivity: 7,
      openRecommendations: [
        { title: "Appeler le Cerema", status: "IN_PROGRESS", deadline: "2026-03-31" },
        { title: "Lire le guide", status: "PROPOSED", deadline: null },
      ],
    };
    const message = messageOf("REMINDER", "École", details);
    expect(message.subject).toBe("Où en êtes-vous ? École");
    expect(message.text).toContain("depuis 7 semaines");
    expect(message.text).toContain("Les 2 recommandations en cours :\n  – Appeler le Cerema (en cours, échéance le 31/03/2026)\n  – Lire le guide (proposée)");
    expect(messageOf("REMINDER", "École", { weeksWithoutActivity: 6, openRecommendations: [] }).text).toContain("Aucune recommandation n'est en cours");
  });
});
