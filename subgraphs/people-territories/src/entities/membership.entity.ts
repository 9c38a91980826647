import type { Role } from "@hub/kit";
import { Field, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** A person's place in an organisation, with their role there. */
@Entity("membership")
@ObjectType({ description: "A person's membership of an organisation." })
export class Membership {
  @PrimaryColumn("uuid", { name: "person_id" })
  personId!: string;

  @PrimaryColumn("text", { name: "organization_id" })
  organizationId!: string;

  @Column("text")
  @Field(() => String, { description: "COLLECTIVITE_AGENT, STATE_AGENT, ANCT_NATIONAL, EXPERT, ANALYST." })
  role!: Role;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;
}
