import { authorize, badInput, conflict, forbidden, hasRole, isUuid, notFound, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import type { Context } from "../context";
import { SuggestionDiscard, SuggestionRule } from "../entities/suggestion.entity";
import { canWrite, ownerOnCreate } from "../rules/library-writers";
import { suggest, validateRule, type ProjectProfile, type Suggestion } from "../rules/suggestions";
import type { SuggestionRuleInput } from "../types/suggestion.types";
import { ruleFilterKey } from "./rule-prefilter";

export const DISCARD_REASON_MAX = 2000;

function refusal(viewer: Viewer): string {
  if (hasRole(viewer, "STATE_AGENT")) return "You may write only the rules of your départements";
  if (hasRole(viewer, "EXPERT")) return "You may write only your organisation's rules";
  return "You may not write suggestion rules";
}

/** Every resource a rule names must exist. */
async function checkResources(manager: EntityManager, ids: string[]): Promise<void> {
  const rows = await manager.query<{ id: string }[]>(`SELECT id FROM resource WHERE id = ANY($1::uuid[])`, [ids]);
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw badInput(`No resource ${missing}`, "input.resourceIds");
}

/** Writes a rule (those who write the library: ANCT, State agents for their départements, experts for their organisation). */
export async function createSuggestionRule(dataSource: DataSource, viewer: Viewer, input: SuggestionRuleInput, now: Date): Promise<SuggestionRule> {
  authorize(viewer, "resource:write");
  const data = validateRule(input);
  const ownerOrganizationId = ownerOnCreate(viewer);
  if (!canWrite(viewer, { territoryIds: data.territoryIds, ownerOrganizationId })) throw forbidden(refusal(viewer));
  return dataSource.transaction(async (manager) => {
    await checkResources(manager, data.resourceIds);
    const repository = manager.getRepository(SuggestionRule);
    return repository.save(repository.create({ ...data, ownerOrganizationId, version: 1, updatedBy: viewer.personId, createdAt: now, updatedAt: now }));
  });
}

async function lockRule(manager: EntityManager, viewer: Viewer, id: string, version: number): Promise<SuggestionRule> {
  const rule = isUuid(id) ? await manager.getRepository(SuggestionRule).findOne({ where: { id }, lock: { mode: "pessimistic_write" } }) : null;
  if (!rule) throw notFound(`No suggestion rule ${id.slice(0, 60)}`);
  if (!canWrite(viewer, rule)) throw forbidden(refusal(viewer));
  if (rule.version !== version) throw conflict(`The rule was changed meanwhile (version ${rule.version}, you read version ${version}): reload it`);
  return rule;
}

/** Replaces a rule's criteria and resources, given the version read; allowed on the rule as it is and as it becomes. */
export async function updateSuggestionRule(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: SuggestionRuleInput, now: Date): Promise<SuggestionRule> {
  authorize(viewer, "resource:write");
  const data = validateRule(input);
  return dataSource.transaction(async (manager) => {
    const rule = await lockRule(manager, viewer, id, version);
    if (!canWrite(viewer, { territoryIds: data.territoryIds, ownerOrganizationId: rule.ownerOrganizationId })) throw forbidden(refusal(viewer));
    await checkResources(manager, data.resourceIds);
    Object.assign(rule, data, { version: rule.version + 1, updatedBy: viewer.personId, updatedAt: now });
    return manager.getRepository(SuggestionRule).save(rule);
  });
}

export async function deleteSuggestionRule(dataSource: DataSource, viewer: Viewer, id: string, version: number): Promise<boolean> {
  authorize(viewer, "resource:write");
  return dataSource.transaction(async (manager) => {
    const rule = await lockRule(manager, viewer, id, version);
    await manager.getRepository(SuggestionRule).delete({ id: rule.id });
    return true;
  });
}

/** Checks that the viewer is on the State side of a project (recommends to it): NOT_FOUND when it is not visible, FORBIDDEN otherwise. */
export async function requireRecommender(context: Context, projectId: string): Promise<void> {
  authorize(context.viewer, "recommendation:write");
  if (!isUuid(projectId)) throw badInput(`"${projectId.slice(0, 60)}" is not a project id`, "projectId");
  const rights = await context.applications.rights.load(projectId.toLowerCase());
  if (!rights) throw notFound(`No project ${projectId}`);
  if (!rights.recommend) throw forbidden("Only the State of its département, ANCT and the experts associated with it see and handle a project's suggestions");
}

/**
 * The resources the rules suggest to a project, without those recommended to it or discarded: the
 * rules that may match are selected in SQL (rule-prefilter.ts), then checked by `suggest`.
 */
export async function suggestionsFor(context: Context, projectId: string, profile: ProjectProfile, recommended: readonly string[], now: Date): Promise<Suggestion[]> {
  const [rules, discards] = await Promise.all([context.loaders.matchingRules.load(ruleFilterKey(profile)), context.loaders.suggestionDiscards.load(projectId)]);
  const ids = [...new Set(rules.flatMap((r) => r.resourceIds))];
  const resources = new Map((await context.loaders.resource.loadMany(ids)).flatMap((r) => (r && !(r instanceof Error) ? [[r.id, r] as const] : [])));
  const discarded = discards.filter((d) => !d.restoredAt).map((d) => d.resourceId);
  return suggest(profile, rules, resources, new Set([...recommended, ...discarded]), now);
}

/** Records that the State side discarded a suggestion for a project (who, when, why): it is no longer suggested. */
export async function discardSuggestion(context: Context, input: { projectId: string; resourceId: string; reason?: string | null }, now: Date): Promise<SuggestionDiscard> {
  await requireRecommender(context, input.projectId);
  if (!isUuid(input.resourceId)) throw badInput(`"${input.resourceId.slice(0, 60)}" is not a resource id`, "resourceId");
  const reason = (input.reason ?? "").trim();
  if (reason.length > DISCARD_REASON_MAX) throw badInput(`reason must be at most ${DISCARD_REASON_MAX} characters`, "reason");
  const resource = await context.loaders.resource.load(input.resourceId.toLowerCase());
  if (!resource) throw notFound(`No resource ${input.resourceId}`);
  const rows = await context.dataSource.query<{ id: string }[]>(
    `INSERT INTO suggestion_discard (project_id, resource_id, discarded_by, reason, discarded_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
    [input.projectId.toLowerCase(), resource.id, context.viewer.personId, reason, now],
  );
  if (rows.length === 0) throw conflict("This suggestion was already discarded for this project");
  return Object.assign(new SuggestionDiscard(), {
    id: rows[0].id,
    projectId: input.projectId.toLowerCase(),
    resourceId: resource.id,
    discardedBy: context.viewer.personId,
    reason,
    discardedAt: now,
    restoredBy: null,
    restoredAt: null,
  });
}

/**
 * Restores a discarded suggestion (the State side, as for discarding): the discard in force gets
 * who restored it and when, and stays in the history; the resource is suggested again when the
 * rules still call for it. NOT_FOUND when it was never discarded, CONFLICT when already restored.
 */
export async function restoreSuggestion(context: Context, input: { projectId: string; resourceId: string }, now: Date): Promise<SuggestionDiscard> {
  await requireRecommender(context, input.projectId);
  if (!isUuid(input.resourceId)) throw badInput(`"${input.resourceId.slice(0, 60)}" is not a resource id`, "resourceId");
  const projectId = input.projectId.toLowerCase();
  const resourceId = input.resourceId.toLowerCase();
  const repository = context.dataSource.getRepository(SuggestionDiscard);
  const result = await repository
    .createQueryBuilder()
    .update()
    .set({ restoredBy: context.viewer.personId, restoredAt: now })
    .where("project_id = :projectId AND resource_id = :resourceId AND restored_at IS NULL", { projectId, resourceId })
    .returning("id")
    .execute();
  const restored = (result.raw as { id: string }[]).at(0);
  if (!restored) {
    const earlier = await repository.countBy({ projectId, resourceId });
    if (earlier > 0) throw conflict("This suggestion was already restored for this project");
    throw notFound(`The resource ${input.resourceId} was not discarded for this project`);
  }
  return repository.findOneByOrFail({ id: restored.id });
}
