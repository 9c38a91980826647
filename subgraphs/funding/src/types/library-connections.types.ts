import { countedConnectionType, PageArgs } from "@hub/kit";
import { ArgsType, Field } from "type-graphql";
import { Contact, ContactKind, Resource } from "../entities/library.entity";

export const ResourceConnection = countedConnectionType("Resource", Resource);
export const ContactConnection = countedConnectionType("Contact", Contact);

@ArgsType()
export class ContactsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Words in the name or the role, in French (accents and plurals need not match)." })
  search?: string | null;

  @Field(() => ContactKind, { nullable: true })
  kind?: ContactKind | null;
}
