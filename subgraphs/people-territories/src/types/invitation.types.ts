import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A colleague to invite into an organisation." })
export class InvitePersonInput {
  @Field()
  email!: string;

  @Field()
  givenName!: string;

  @Field()
  usualName!: string;

  @Field(() => ID, { description: "The organisation: your own (ANCT national agents: any)." })
  organizationId!: string;
}
