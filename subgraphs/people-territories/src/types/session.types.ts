import { Directive, Field, ID, InputType } from "type-graphql";

@InputType()
@Directive("@inaccessible")
export class SessionInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field()
  role!: string;
}
