import { authorize, canSeePersonalData, isUuid, notFound, type CountedConnection, type Viewer } from "@hub/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Contact, ContactKind } from "../entities/library.entity";
import { validateSearch } from "../rules/library-fields";
import { canWrite } from "../rules/library-writers";
import { contactScope, createContact, deleteContact, searchContacts, updateContact } from "../services/contact-book.service";
import { readListPage } from "../services/library.service";
import { ContactConnection, ContactsArgs } from "../types/library-connections.types";
import { ContactInput, ContactUpdateInput } from "../types/library.types";
import { OrganizationRef, TerritoryRef } from "../types/project.types";

/** A person's name, e-mail and phone are personal data: hidden from analysts and programmes. An organisation's are not. */
const shown = (contact: Contact, viewer: Viewer, value: string | null) => (contact.kind === ContactKind.ORGANIZATION || canSeePersonalData(viewer) ? value : null);

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => Contact, { description: "An entry of the contact book by id." })
  async contact(@Arg("id", () => ID) id: string, @Ctx() { viewer, loaders }: Context): Promise<Contact> {
    authorize(viewer, "resource:read");
    const contact = isUuid(id) ? await loaders.contact.load(id) : null;
    if (!contact) throw notFound(`Contact introuvable : ${id.slice(0, 60)}`);
    return contact;
  }

  @Query(() => ContactConnection, { description: "The contact book, by name (best match first for words). At most 50 a page (default 20)." })
  contacts(@Args() args: ContactsArgs, @Ctx() { viewer, dataSource }: Context): Promise<CountedConnection<Contact>> {
    authorize(viewer, "resource:read");
    const page = readListPage(args.first, args.after);
    return searchContacts(dataSource, validateSearch(args.search, "search"), args.kind ?? null, page);
  }

  @Mutation(() => Contact, { description: "Adds an organisation or a person: ANCT anywhere, State agents in their départements, experts for their organisation." })
  createContact(@Arg("input", () => ContactInput) input: ContactInput, @Ctx() { viewer, dataSource }: Context): Promise<Contact> {
    authorize(viewer, "resource:write");
    return createContact(dataSource, viewer, input, new Date());
  }

  @Mutation(() => Contact, { description: "Edits a contact if `version` is still the current one (else CONFLICT, nothing written)." })
  updateContact(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => ContactUpdateInput) input: ContactUpdateInput,
    @Ctx() { viewer, dataSource }: Context,
  ): Promise<Contact> {
    authorize(viewer, "resource:write");
    return updateContact(dataSource, viewer, id, version, input, new Date());
  }

  @Mutation(() => ID, { description: "Deletes a contact that no sheet and no person points to (CONFLICT otherwise); returns its id." })
  deleteContact(@Arg("id", () => ID) id: string, @Arg("version", () => Int) version: number, @Ctx() { viewer, dataSource }: Context): Promise<string> {
    authorize(viewer, "resource:write");
    return deleteContact(dataSource, viewer, id, version);
  }

  @FieldResolver(() => String, { nullable: true, description: "Null for a person, to viewers without access to personal data (analysts, programmes)." })
  name(@Root() contact: Contact, @Ctx() { viewer }: Context): string | null {
    return shown(contact, viewer, contact.name);
  }

  @FieldResolver(() => String, { nullable: true, description: "Null for a person, to viewers without access to personal data." })
  email(@Root() contact: Contact, @Ctx() { viewer }: Context): string | null {
    return shown(contact, viewer, contact.email);
  }

  @FieldResolver(() => String, { nullable: true, description: "Null for a person, to viewers without access to personal data." })
  phone(@Root() contact: Contact, @Ctx() { viewer }: Context): string | null {
    return shown(contact, viewer, contact.phone);
  }

  @FieldResolver(() => Contact, { nullable: true, description: "A person's organisation." })
  organization(@Root() contact: Contact, @Ctx() { loaders }: Context): Promise<Contact | null> | null {
    return contact.organizationId ? loaders.contact.load(contact.organizationId) : null;
  }

  @FieldResolver(() => TerritoryRef, { nullable: true, description: "Where it acts; null: national." })
  territory(@Root() contact: Contact): TerritoryRef | null {
    return contact.territoryId ? { id: contact.territoryId } : null;
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: "The hub organisation that maintains the entry." })
  owner(@Root() contact: Contact): OrganizationRef | null {
    return contact.ownerOrganizationId ? { id: contact.ownerOrganizationId } : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether the viewer may edit it." })
  viewerCanEdit(@Root() contact: Contact, @Ctx() { viewer }: Context): boolean {
    return canWrite(viewer, contactScope(contact));
  }
}
