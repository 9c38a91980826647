/**
 * What is worth an e-mail, to whom, and its French text. Pure: the consumer feeds it journal
 * entries and the sender its rows.
 */

/** The journal entries people are told about. */
export type NotificationEvent = "SUBMITTED" | "ASSIGNED" | "MESSAGE" | "INTERNAL_NOTE" | "REMINDER";

/** An open recommendation a reminder lists. */
export interface OpenRecommendation {
  title: string;
  status: string;
  deadline: string | null;
}

/** What the consumer reads of one activity of the projects journal. */
export interface JournalEntry {
  id: string;
  at: string;
  kind: string;
  actorId: string | null;
  internal: boolean;
  /** For STATUS_CHANGED and ASSIGNED: the status reached, and who was assigned; for REMINDER_DUE: the weeks of silence and the open recommendations. */
  details: { to?: string | null; assigneeIds?: string[] | null; weeksWithoutActivity?: number | null; openRecommendations?: OpenRecommendation[] | null } | null;
  project: { id: string; title: string; ownerId: string; territoryIds: string[]; assigneeIds: string[]; actorOrganizationIds: string[] };
}

/** Who an event goes to, before the database turns it into people (active accounts only). */
export interface Audience {
  /** These persons. */
  personIds: string[];
  /** Every member of these organisations. */
  organizationIds: string[];
  /** The State agents (préfecture, DDT...) of these départements (codes). */
  stateDepartements: string[];
  /** Only State agents and ANCT national agents among them (internal notes). */
  stateOnly: boolean;
}

/** The event an activity is, or null when it is not worth an e-mail. */
export function eventOf(entry: Pick<JournalEntry, "kind" | "internal" | "details">): NotificationEvent | null {
  if (entry.kind === "STATUS_CHANGED" && entry.details?.to === "SUBMITTED") return "SUBMITTED";
  if (entry.kind === "ASSIGNED") return "ASSIGNED";
  if (entry.kind === "COMMENT_ADDED") return entry.internal ? "INTERNAL_NOTE" : "MESSAGE";
  if (entry.kind === "REMINDER_DUE") return "REMINDER";
  return null;
}

/**
 * Submission: the State agents of the project's départements. Assignment: the agents assigned.
 * A message: the project's participants (its collectivité's members, the organisations
 * associated with it, its assignees); an internal note: those of them who are the State's.
 * A reminder ("Où en êtes-vous ?"): the members of its collectivité.
 * The author is never told of their own act (the database query leaves them out).
 */
export function audienceOf(event: NotificationEvent, entry: JournalEntry, departements: string[]): Audience {
  const none: Audience = { personIds: [], organizationIds: [], stateDepartements: [], stateOnly: false };
  switch (event) {
    case "SUBMITTED":
      return { ...none, stateDepartements: departements };
    case "ASSIGNED":
      return { ...none, personIds: entry.details?.assigneeIds ?? [] };
    case "MESSAGE":
      return { ...none, personIds: entry.project.assigneeIds, organizationIds: [entry.project.ownerId, ...entry.project.actorOrganizationIds] };
    case "INTERNAL_NOTE":
      return { ...none, personIds: entry.project.assigneeIds, organizationIds: [entry.project.ownerId, ...entry.project.actorOrganizationIds], stateOnly: true };
    case "REMINDER":
      return { ...none, organizationIds: [entry.project.ownerId] };
  }
}

const RECOMMENDATION_STATUS_WORDS: Record<string, string> = {
  PROPOSED: "proposée",
  IN_PROGRESS: "en cours",
  BLOCKED: "bloquée",
};

/** "31/03/2026" from "2026-03-31". */
function frenchDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

/** The body of a reminder: the weeks of silence and each open recommendation on its own line. */
export function reminderText(title: string, weeks: number, open: OpenRecommendation[]): string {
  const head = `Le projet « ${title} » n'a connu aucune activité depuis ${weeks} semaines. Où en êtes-vous ? Donnez des nouvelles dans le hub, ou suivez les recommandations qui vous ont été faites.`;
  if (open.length === 0) return `${head}\nAucune recommandation n'est en cours sur ce projet.`;
  const lines = open.map((r) => `  – ${r.title} (${RECOMMENDATION_STATUS_WORDS[r.status] ?? r.status.toLowerCase()}${r.deadline ? `, échéance le ${frenchDate(r.deadline)}` : ""})`);
  return [head, open.length === 1 ? "La recommandation en cours :" : `Les ${open.length} recommandations en cours :`, ...lines].join("\n");
}

/** The subject of an event's own e-mail and its line (also the digest's), in French. */
export function messageOf(event: NotificationEvent, title: string, details: JournalEntry["details"] = null): { subject: string; text: string } {
  const quoted = `« ${title} »`;
  switch (event) {
    case "SUBMITTED":
      return { subject: `Nouveau projet déposé : ${title}`, text: `Le projet ${quoted} a été déposé par sa collectivité : il attend d'être qualifié par les services de l'État.` };
    case "ASSIGNED":
      return { subject: `Un projet vous est attribué : ${title}`, text: `Le projet ${quoted} vous a été attribué.` };
    case "MESSAGE":
      return { subject: `Nouveau message : ${title}`, text: `Un nouveau message a été écrit dans les échanges du projet ${quoted}.` };
    case "INTERNAL_NOTE":
      return { subject: `Nouvelle note interne : ${title}`, text: `Une note interne (services de l'État) a été ajoutée au projet ${quoted}.` };
    case "REMINDER":
      return { subject: `Où en êtes-vous ? ${title}`, text: reminderText(title, details?.weeksWithoutActivity ?? 0, details?.openRecommendations ?? []) };
  }
}

/** The link to a project's fiche in the web app. */
export function ficheLink(publicUrl: string, projectId: string): string {
  return `${publicUrl}/#/projets/${projectId}`;
}

const SIGNATURE = [
  "—",
  "Hub des projets de territoire",
  "Vous recevez ce message parce que vous suivez ce projet. Vous pouvez choisir de recevoir plutôt un résumé quotidien dans les préférences de votre compte.",
];

/** An e-mail for one event. */
export function immediateEmail(givenName: string, item: { subject: string; text: string; link: string }): { subject: string; text: string } {
  return { subject: item.subject, text: [`Bonjour ${givenName},`, "", item.text, "", `Voir la fiche du projet : ${item.link}`, "", ...SIGNATURE].join("\n") };
}

/** The daily digest: every event of the day, oldest first. */
export function digestEmail(givenName: string, items: { text: string; link: string }[]): { subject: string; text: string } {
  const count = items.length === 1 ? "1 nouveauté" : `${items.length} nouveautés`;
  const lines = items.flatMap((item) => [`• ${item.text}`, `  ${item.link}`]);
  return {
    subject: `Votre résumé quotidien : ${count} sur vos projets`,
    text: [`Bonjour ${givenName},`, "", "Voici ce qui s'est passé sur vos projets depuis hier :", "", ...lines, "", ...SIGNATURE].join("\n"),
  };
}

/** When a digest item leaves: the next `hour` o'clock (UTC) after `now`. */
export function digestDueAt(now: Date, hour: number): Date {
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  if (due <= now) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}

/** The wait before the next attempt after `attempts` failures: 30 s, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Attempts after which a notification is given up (FAILED). */
export const MAX_ATTEMPTS = 8;
