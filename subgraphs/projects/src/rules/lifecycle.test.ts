import { ANONYMOUS, type Viewer } from "@hub/kit";
import { ProjectStatus } from "../entities/project.entity";
import { checkTransition, moveToStatus, Transition } from "./lifecycle";

const owner: Viewer = { ...ANONYMOUS, personId: "p1", organizationId: "COLLECTIVITE:216301135", roles: ["COLLECTIVITE_AGENT"], communes: ["63113"] };
const ddt63: Viewer = { ...ANONYMOUS, personId: "p2", organizationId: "DDT:63", roles: ["STATE_AGENT"], departements: ["63"] };
const ddt29: Viewer = { ...ANONYMOUS, personId: "p3", organizationId: "DDT:29", roles: ["STATE_AGENT"], departements: ["29"] };
const anct: Viewer = { ...ANONYMOUS, personId: "p4", organizationId: "ANCT:NATIONAL", roles: ["ANCT_NATIONAL"] };
const otherCommune: Viewer = { ...owner, organizationId: "COLLECTIVITE:217500016", communes: ["75056"] };
const expert: Viewer = { ...ANONYMOUS, personId: "p5", organizationId: "OPERATOR:CEREMA", roles: ["EXPERT"] };
const viewers = { owner, ddt63, ddt29, anct, otherCommune, expert };

/** The lifecycle as the product describes it: from which statuses, by whom. */
const EXPECTED: Record<Transition, { from: ProjectStatus[]; by: (keyof typeof viewers)[] }> = {
  [Transition.SUBMIT]: { from: [ProjectStatus.DRAFT], by: ["owner"] },
  [Transition.SEND_BACK]: { from: [ProjectStatus.SUBMITTED], by: ["ddt63", "anct"] },
  [Transition.QUALIFY]: { from: [ProjectStatus.SUBMITTED], by: ["ddt63", "anct"] },
  [Transition.ASSIGN]: { from: [ProjectStatus.QUALIFIED, ProjectStatus.ASSIGNED], by: ["ddt63", "anct"] },
  [Transition.START]: { from: [ProjectStatus.ASSIGNED], by: ["owner", "ddt63", "anct"] },
  [Transition.COMPLETE]: { from: [ProjectStatus.IN_PROGRESS], by: ["owner", "ddt63", "anct"] },
  [Transition.DECLINE]: { from: [ProjectStatus.SUBMITTED, ProjectStatus.QUALIFIED], by: ["ddt63", "anct"] },
  [Transition.ABANDON]: { from: [ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, ProjectStatus.QUALIFIED, ProjectStatus.ASSIGNED, ProjectStatus.IN_PROGRESS], by: ["owner"] },
};

const cases = Object.values(Transition).flatMap((transition) =>
  Object.values(ProjectStatus).flatMap((status) =>
    (Object.keys(viewers) as (keyof typeof viewers)[]).map((who) => {
      const rule = EXPECTED[transition];
      const expected = !rule.by.includes(who) ? "FORBIDDEN" : rule.from.includes(status) ? "ok" : "ILLEGAL";
      return [transition, status, who, expected] as const;
    }),
  ),
);

describe("project lifecycle", () => {
  it.each(cases)("%s from %s by %s → %s", (transition, status, who, expected) => {
    const result = checkTransition(viewers[who], { ownerId: "COLLECTIVITE:216301135", departements: ["63"], status }, transition);
    expect(result.ok ? "ok" : result.reason).toBe(expected);
  });
});

describe("moving a card on the board", () => {
  const place = { ownerId: "COLLECTIVITE:216301135", departements: ["63"] };
  const state = ddt63;

  it("is the lifecycle step to that column the viewer may take", () => {
    expect(moveToStatus(state, { ...place, status: ProjectStatus.SUBMITTED }, ProjectStatus.QUALIFIED)).toEqual({ ok: true, transition: Transition.QUALIFY });
    expect(moveToStatus(state, { ...place, status: ProjectStatus.SUBMITTED }, ProjectStatus.ABANDONED)).toEqual({ ok: true, transition: Transition.DECLINE });
    expect(moveToStatus(owner, { ...place, status: ProjectStatus.SUBMITTED }, ProjectStatus.ABANDONED)).toEqual({ ok: true, transition: Transition.ABANDON });
    expect(moveToStatus(state, { ...place, status: ProjectStatus.SUBMITTED }, ProjectStatus.DRAFT)).toEqual({ ok: true, transition: Transition.SEND_BACK });
  });

  it("is refused where the lifecycle has no such step, or it is another role's", () => {
    expect(moveToStatus(state, { ...place, status: ProjectStatus.SUBMITTED }, ProjectStatus.COMPLETED)).toEqual({ ok: false, reason: "ILLEGAL" });
    expect(moveToStatus(state, { ...place, status: ProjectStatus.ASSIGNED }, ProjectStatus.ASSIGNED)).toEqual({ ok: false, reason: "ILLEGAL" });
    expect(moveToStatus(owner, { ...place, status: ProjectStatus.SUBMITTED }, ProjectStatus.QUALIFIED)).toEqual({ ok: false, reason: "FORBIDDEN" });
    expect(moveToStatus(state, { ...place, status: ProjectStatus.DRAFT }, ProjectStatus.SUBMITTED)).toEqual({ ok: false, reason: "FORBIDDEN" });
  });
});
