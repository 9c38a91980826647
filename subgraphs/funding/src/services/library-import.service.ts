import { upstreamUnavailable } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import type { AidesTerritoiresClient } from "../clients/aides-territoires.client";
import type { AtAidResult } from "../clients/aides-territoires.types";
import { Contact, ContactKind, Resource, ResourceSource, ResourceStatus, ResourceVersionRow } from "../entities/library.entity";
import { mapEngineeringAid, type MappedAid } from "../rules/engineering-aid";
import { validateUrl } from "../rules/library-fields";
import type { ResourceImportReport } from "../types/library.types";
import { sameContent, saveVersion, snapshotOf } from "./library.service";

/** At most this many pages of 100 aids are read (Aides-Territoires lists about 2,000 engineering aids). */
export const MAX_IMPORT_PAGES = 100;

/** Every engineering aid Aides-Territoires lists, page after page (the list is complete or the call fails). */
async function fetchAll(client: AidesTerritoiresClient): Promise<AtAidResult[]> {
  const aids: AtAidResult[] = [];
  for (let page = 1; ; page++) {
    const answer = await client.engineeringAids(page);
    aids.push(...answer.results);
    if (answer.next === null || answer.results.length === 0) return aids;
    if (page >= MAX_IMPORT_PAGES) throw upstreamUnavailable(`Aides-Territoires lists more than ${MAX_IMPORT_PAGES * 100} engineering aids: import stopped, nothing written`);
  }
}

/** The organisation contacts of providers' names, created (national, maintained by the hub) in one statement for those the book lacks. */
async function providerIds(manager: EntityManager, names: string[], now: Date): Promise<Map<string, string>> {
  const known = new Map(
    (await manager.query<{ id: string; name: string }[]>(`SELECT id, name FROM contact WHERE kind = 'ORGANIZATION' ORDER BY created_at DESC, id DESC`)).map((c) => [c.name.toLowerCase(), c.id]),
  );
  const missing = [...new Map(names.filter((n) => !known.has(n.toLowerCase())).map((n) => [n.toLowerCase(), n])).values()];
  if (missing.length > 0) {
    const rows = missing.map((name) =>
      Object.assign(new Contact(), {
        kind: ContactKind.ORGANIZATION,
        name,
        organizationId: null,
        role: null,
        email: null,
        phone: null,
        territoryId: null,
        ownerOrganizationId: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const inserted = await manager.getRepository(Contact).insert(rows);
    inserted.identifiers.forEach((identifier, i) => known.set(missing[i].toLowerCase(), String(identifier.id)));
  }
  return known;
}

/**
 * Imports Aides-Territoires' engineering aids as sheets (kind ENGINEERING_AID, source
 * AIDES_TERRITOIRES, external id "AT:<id>"): a new aid is a new published sheet, a changed one a
 * new version, an unchanged one is left alone, and an imported sheet whose aid is no longer
 * listed is archived. Idempotent; one transaction under an advisory lock, so two imports at once
 * run one after the other. Edits made in the hub to an imported sheet are overwritten by the
 * next import when Aides-Territoires' content differs.
 */
export async function importEngineeringAids(dataSource: DataSource, client: AidesTerritoiresClient, now: Date): Promise<ResourceImportReport> {
  const aids = await fetchAll(client);
  const mapped = aids.map((aid) => mapEngineeringAid(aid, (path) => client.siteUrl(path)));
  const report: ResourceImportReport = { received: aids.length, created: 0, updated: 0, unchanged: 0, archived: 0, skipped: mapped.filter((m) => m === null).length };
  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('funding:library-import'))`);
    const existing = new Map((await manager.getRepository(Resource).findBy({ source: ResourceSource.AIDES_TERRITOIRES })).map((r) => [r.externalId ?? "", r]));
    const items = [...new Map(mapped.filter((m): m is MappedAid => m !== null).map((m) => [m.externalId, m])).values()];
    const organizations = await providerIds(
      manager,
      items.map((i) => i.provider).filter((p): p is string => p !== null),
      now,
    );
    const seen = new Set(items.map((i) => i.externalId));
    const created: Resource[] = [];
    for (const item of items) {
      const current = existing.get(item.externalId) ?? null;
      const next = nextState(item, current, organizations, now);
      if (current && sameContent(current, next)) report.unchanged += 1;
      else if (current) {
        next.version = current.version + 1;
        await saveVersion(manager, next, null, now);
        report.updated += 1;
      } else created.push(next);
    }
    // New sheets in a few statements: the rows, then their first versions.
    for (let start = 0; start < created.length; start += 500) {
      const chunk = created.slice(start, start + 500);
      const inserted = await manager.getRepository(Resource).insert(chunk);
      chunk.forEach((resource, i) => (resource.id = String(inserted.identifiers[i].id)));
      await manager.getRepository(ResourceVersionRow).insert(chunk.map((r) => ({ resourceId: r.id, version: 1, snapshot: snapshotOf(r), editedBy: null, editedAt: now })));
    }
    report.created = created.length;
    for (const [externalId, resource] of existing) {
      if (seen.has(externalId) || resource.status === ResourceStatus.ARCHIVED) continue;
      await saveVersion(manager, Object.assign(new Resource(), resource, { status: ResourceStatus.ARCHIVED, version: resource.version + 1 }), null, now);
      report.archived += 1;
    }
  });
  return report;
}

/** The sheet an aid makes: the current one updated, or a new one at version 1. */
function nextState(item: MappedAid, current: Resource | null, organizations: Map<string, string>, now: Date): Resource {
  const { snapshot } = item;
  let url: string | null;
  try {
    url = validateUrl(snapshot.url);
  } catch {
    url = null;
  }
  const base = current ?? {
    source: ResourceSource.AIDES_TERRITOIRES,
    externalId: item.externalId,
    ownerOrganizationId: null,
    createdBy: null,
    updatedBy: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return Object.assign(new Resource(), base, {
    title: snapshot.title,
    summary: snapshot.summary,
    body: snapshot.body,
    themes: snapshot.themes,
    territoryIds: snapshot.territoryIds,
    kind: snapshot.kind,
    status: snapshot.status,
    expiresAt: snapshot.expiresAt ? new Date(snapshot.expiresAt) : null,
    url,
    providerId: item.provider ? (organizations.get(item.provider.toLowerCase()) ?? null) : null,
    contactIds: current?.contactIds ?? [],
  });
}
