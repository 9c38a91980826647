import { ActivityKind } from "../entities/activity.entity";
import { ProjectStatus } from "../entities/project.entity";
import { LIFECYCLE, Transition } from "../rules/lifecycle";
import { crtePlaces, seededProject, seedThemes, type SeededProject } from "./national-portfolio";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const crtes = crtePlaces();
const themes = seedThemes();
const PROJECTS = Array.from({ length: 3000 }, (_, i) => seededProject(i + 1, crtes, themes, NOW));

/** What a project's journal says happened, replayed: its problems (none expected). */
function problems({ project, activities, comments }: SeededProject): string[] {
  const found: string[] = [];
  if (activities[0].kind !== ActivityKind.PROJECT_CREATED) found.push("does not start with PROJECT_CREATED");
  let status = ProjectStatus.DRAFT;
  let submitted = false;
  let qualified = false;
  const applications = new Map<string, string[]>();
  for (const [i, activity] of activities.entries()) {
    if (i > 0 && activity.at < activities[i - 1].at) found.push(`activity ${i} goes back in time`);
    if (Date.parse(activity.at) > NOW) found.push(`activity ${i} is in the future`);
    const payload = activity.payload as {
      from?: ProjectStatus;
      to?: ProjectStatus;
      transition?: Transition;
      status?: string;
      applicationId?: string;
      amountRequested?: number;
      amountGranted?: number | null;
    };
    if (activity.kind === ActivityKind.STATUS_CHANGED || activity.kind === ActivityKind.ASSIGNED) {
      const rule = LIFECYCLE[payload.transition!];
      if (payload.from !== status || !rule.from.includes(status) || rule.to !== payload.to) found.push(`${payload.transition} from ${status}`);
      status = payload.to!;
      submitted ||= payload.transition === Transition.SUBMIT;
      qualified ||= payload.transition === Transition.QUALIFY;
    }
    if (activity.kind === ActivityKind.FUNDING_APPLICATION) {
      const steps = applications.get(payload.applicationId!) ?? [];
      steps.push(payload.status!);
      applications.set(payload.applicationId!, steps);
      if (!(payload.amountRequested! > 0 && payload.amountRequested! <= project.budget_euros!)) found.push("amount requested out of the budget");
      if ((payload.status === "ACCEPTE") !== (payload.amountGranted !== null) || (payload.amountGranted ?? 0) > payload.amountRequested!)
        found.push("amount granted without a grant, or above the request");
      if (!activity.idempotency_key?.startsWith("funding:")) found.push("funding activity without its idempotency key");
    }
  }
  if (status !== project.status) found.push(`journal ends ${status}, project is ${project.status}`);
  if (submitted !== (project.submitted_at !== null)) found.push("submitted_at does not match the journal");
  if (qualified !== (project.priority !== null)) found.push("priority does not match the journal");
  for (const steps of applications.values()) {
    if (!/^EN_CONSTRUCTION,EN_INSTRUCTION(,ACCEPTE|,REFUSE)?$/.test(steps.join(","))) found.push(`application went ${steps.join(" → ")}`);
  }
  if (comments.length !== activities.filter((a) => a.kind === ActivityKind.COMMENT_ADDED).length) found.push("comments and their activities differ");
  if (!project.territory_ids.some((id) => id.startsWith("CRTE:"))) found.push("in no CRTE");
  return found;
}

describe("the seeded national portfolio", () => {
  it("gives every project a history the lifecycle allows, ending in its status, with consistent funding applications", () => {
    const faulty = PROJECTS.map((p) => [p.project.external_id, problems(p)] as const).filter(([, found]) => found.length > 0);
    expect(faulty.slice(0, 5)).toEqual([]);
  });

  it("covers every CRTE and every status, on communes and EPCI, with several activities per project", () => {
    const seenCrtes = new Set(PROJECTS.flatMap((p) => p.project.territory_ids.filter((id) => id.startsWith("CRTE:"))));
    expect(seenCrtes.size).toBe(crtes.length);
    expect(new Set(PROJECTS.map((p) => p.project.status))).toEqual(new Set(Object.values(ProjectStatus)));
    const onEpci = PROJECTS.filter((p) => p.project.territory_id.startsWith("EPCI:")).length / PROJECTS.length;
    expect([onEpci > 0.05, onEpci < 0.35]).toEqual([true, true]);
    const perProject = PROJECTS.reduce((sum, p) => sum + p.activities.length, 0) / PROJECTS.length;
    expect([perProject > 5, perProject < 12]).toEqual([true, true]);
    expect(PROJECTS.some((p) => p.activities.some((a) => a.kind === ActivityKind.FUNDING_APPLICATION && a.payload.status === "ACCEPTE"))).toBe(true);
  });

  it("is deterministic: project n is the same on every run", () => {
    expect(seededProject(42, crtes, themes, NOW)).toEqual(PROJECTS[41]);
  });
});
