import type { DataSource } from "typeorm";
import { Contact, Resource, ResourceSource, ResourceStatus } from "../entities/library.entity";
import { saveVersion } from "../services/library.service";
import { DEMO_CONTACTS, DEMO_SHEETS } from "./demo-library-data";
import { seedDemoRules } from "./demo-suggestion-rules";

/**
 * Seeds the library's demo contacts and sheets once (development mode only): nothing when the
 * library already holds a sheet written in the hub. Then the demo suggestion rules on those
 * sheets. Returns how many sheets it created.
 */
export async function seedDemoLibrary(dataSource: DataSource, now = new Date()): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('funding:demo-library'))`);
    if ((await manager.getRepository(Resource).countBy({ source: ResourceSource.HUB })) > 0) return 0;
    const ids = new Map<string, string>();
    const idOf = (key: string) => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`demo library: no contact "${key}" before its use`);
      return id;
    };
    for (const demo of DEMO_CONTACTS) {
      const contact = await manager.getRepository(Contact).save(
        Object.assign(new Contact(), {
          kind: demo.kind,
          name: demo.name,
          organizationId: demo.organization ? idOf(demo.organization) : null,
          role: demo.role ?? null,
          email: demo.email ?? null,
          phone: demo.phone ?? null,
          territoryId: demo.territoryId ?? null,
          ownerOrganizationId: demo.owner ?? null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }),
      );
      ids.set(demo.key, contact.id);
    }
    const sheetIds = new Map<string, string>();
    for (const sheet of DEMO_SHEETS) {
      const resource = Object.assign(new Resource(), {
        title: sheet.title,
        summary: sheet.summary,
        body: sheet.body,
        themes: sheet.themes,
        territoryIds: sheet.territoryIds ?? [],
        kind: sheet.kind,
        status: sheet.status ?? ResourceStatus.PUBLISHED,
        expiresAt: sheet.expiresInDays === undefined ? null : new Date(now.getTime() + sheet.expiresInDays * 86_400_000),
        url: sheet.url ?? null,
        providerId: idOf(sheet.provider),
        contactIds: (sheet.contacts ?? []).map(idOf),
        ownerOrganizationId: sheet.owner,
        source: ResourceSource.HUB,
        externalId: null,
        version: 1,
        createdBy: null,
        createdAt: now,
      });
      sheetIds.set(sheet.title, (await saveVersion(manager, resource, null, now)).id);
    }
    await seedDemoRules(manager, sheetIds, now);
    return DEMO_SHEETS.length;
  });
}
