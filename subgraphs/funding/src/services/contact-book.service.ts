import { badInput, conflict, forbidden, hasRole, isUuid, notFound, type CountedConnection, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import { Contact, ContactKind } from "../entities/library.entity";
import { LIMITS, optionalText, text, validateEmail, validatePhone } from "../rules/library-fields";
import { canWrite, ownerOnCreate, validateContactTerritory } from "../rules/library-writers";
import type { ContactInput, ContactUpdateInput } from "../types/library.types";
import { toCountedConnection, type ListPage } from "./library.service";

/** A contact's scope for the writers' rules: its territory (none: national) and its owner. */
export const contactScope = (contact: Contact) => ({ territoryIds: contact.territoryId ? [contact.territoryId] : [], ownerOrganizationId: contact.ownerOrganizationId });

function refusal(viewer: Viewer): string {
  if (hasRole(viewer, "STATE_AGENT")) return "Vous ne pouvez écrire que les contacts de vos départements";
  if (hasRole(viewer, "EXPERT")) return "Vous ne pouvez écrire que les contacts de votre organisation";
  return "Vous ne pouvez pas écrire dans le carnet de contacts";
}

/** The contact book, by name (organisations and persons' roles searched as words, in French), with the total. */
export async function searchContacts(dataSource: DataSource, search: string | null, kind: ContactKind | null, page: ListPage): Promise<CountedConnection<Contact>> {
  const params: unknown[] = [];
  const where: string[] = ["TRUE"];
  let from = "contact c";
  let order = "lower(c.name), c.id";
  if (kind !== null) {
    params.push(kind);
    where.push(`c.kind = $${params.length}`);
  }
  if (search !== null) {
    params.push(search);
    from = `contact c, websearch_to_tsquery('hub_french', $${params.length}) q`;
    where.push("c.search @@ q");
    order = "ts_rank_cd(c.search, q, 32) DESC, lower(c.name), c.id";
  }
  params.push(page.size, page.offset);
  const rows = await dataSource.query<{ id: string; total: string }[]>(
    `SELECT c.id, count(*) OVER () AS total FROM ${from} WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    const [counted] = await dataSource.query<{ total: string }[]>(`SELECT count(*) AS total FROM ${from} WHERE ${where.join(" AND ")}`, params.slice(0, -2));
    total = Number(counted.total);
  }
  const found =
    rows.length > 0
      ? await dataSource
          .getRepository(Contact)
          .createQueryBuilder("c")
          .where("c.id IN (:...ids)", { ids: rows.map((r) => r.id) })
          .getMany()
      : [];
  const byId = new Map(found.map((c) => [c.id, c]));
  // A row deleted between the two statements is left out.
  return toCountedConnection(
    rows.flatMap((r) => byId.get(r.id) ?? []),
    page,
    total,
  );
}

async function checkOrganization(manager: EntityManager, contact: Contact): Promise<void> {
  if (contact.organizationId === null) return;
  if (contact.kind !== ContactKind.PERSON) throw badInput("organizationId : seule une personne appartient à une organisation", "organizationId");
  if (!isUuid(contact.organizationId)) throw badInput("organizationId : identifiant invalide", "organizationId");
  const rows = await manager.query<{ kind: ContactKind }[]>(`SELECT kind FROM contact WHERE id = $1 FOR SHARE`, [contact.organizationId]);
  if (rows.at(0)?.kind !== ContactKind.ORGANIZATION) throw badInput("organizationId : un contact de type ORGANIZATION est attendu", "organizationId");
}

export async function createContact(dataSource: DataSource, viewer: Viewer, input: ContactInput, now: Date): Promise<Contact> {
  const contact = Object.assign(new Contact(), {
    kind: input.kind,
    name: text(input.name, "name", LIMITS.name),
    organizationId: input.organizationId ?? null,
    role: optionalText(input.role, "role", LIMITS.role),
    email: validateEmail(input.email),
    phone: validatePhone(input.phone),
    territoryId: input.territoryId ? validateContactTerritory(input.territoryId) : null,
    ownerOrganizationId: ownerOnCreate(viewer),
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  if (!canWrite(viewer, contactScope(contact))) throw forbidden(refusal(viewer));
  return dataSource.transaction(async (manager) => {
    await checkOrganization(manager, contact);
    return manager.getRepository(Contact).save(contact);
  });
}

async function lockForEdit(manager: EntityManager, viewer: Viewer, id: string, version: number): Promise<Contact> {
  const current = isUuid(id) ? await manager.getRepository(Contact).findOne({ where: { id }, lock: { mode: "pessimistic_write" } }) : null;
  if (!current) throw notFound(`Contact introuvable : ${id.slice(0, 60)}`);
  if (!canWrite(viewer, contactScope(current))) throw forbidden(refusal(viewer));
  if (current.version !== version) throw conflict(`Le contact a été modifié entre-temps (version ${current.version}, vous avez lu la version ${version}) : rechargez-le`);
  return current;
}

export async function updateContact(dataSource: DataSource, viewer: Viewer, id: string, version: number, input: ContactUpdateInput, now: Date): Promise<Contact> {
  return dataSource.transaction(async (manager) => {
    const current = await lockForEdit(manager, viewer, id, version);
    const next = Object.assign(new Contact(), current);
    if (input.name !== undefined) next.name = text(input.name ?? "", "name", LIMITS.name);
    if (input.organizationId !== undefined) next.organizationId = input.organizationId ?? null;
    if (input.role !== undefined) next.role = optionalText(input.role, "role", LIMITS.role);
    if (input.email !== undefined) next.email = validateEmail(input.email);
    if (input.phone !== undefined) next.phone = validatePhone(input.phone);
    if (input.territoryId !== undefined) next.territoryId = input.territoryId ? validateContactTerritory(input.territoryId) : null;
    if (!canWrite(viewer, contactScope(next))) throw forbidden(refusal(viewer));
    if (next.organizationId === next.id) throw badInput("organizationId : un contact ne peut pas appartenir à lui-même", "organizationId");
    await checkOrganization(manager, next);
    next.version = current.version + 1;
    next.updatedAt = now;
    return manager.getRepository(Contact).save(next);
  });
}

/** Deletes a contact no sheet and no person points to (else CONFLICT, saying how many). */
export async function deleteContact(dataSource: DataSource, viewer: Viewer, id: string, version: number): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const current = await lockForEdit(manager, viewer, id, version);
    const [use] = await manager.query<{ resources: string; people: string }[]>(
      `SELECT (SELECT count(*) FROM resource WHERE provider_id = $1 OR contact_ids @> ARRAY[$1::uuid]) AS resources, (SELECT count(*) FROM contact WHERE organization_id = $1) AS people`,
      [current.id],
    );
    if (Number(use.resources) > 0 || Number(use.people) > 0) {
      throw conflict(`Ce contact est encore utilisé (${use.resources} fiche(s), ${use.people} personne(s)) : retirez-le d'abord`);
    }
    await manager.getRepository(Contact).delete({ id: current.id });
    return current.id;
  });
}
