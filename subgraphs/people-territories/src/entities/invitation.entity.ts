import type { PersonRole } from "@hub/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * An invitation into an organisation. An existing account joins only once its person accepts
 * (`acceptInvitation`); a new account is created with the membership, its invitation accepted.
 */
@Entity("invitation")
@ObjectType({ description: "An invitation to join an organisation." })
export class Invitation {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "person_id" })
  personId!: string;

  @Column("text", { name: "organization_id" })
  organizationId!: string;

  @Column("text")
  @Field(() => String, { description: "The role it gives in the organisation." })
  role!: PersonRole;

  @Column("uuid", { name: "invited_by", nullable: true })
  invitedBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field({ description: "When it was sent." })
  createdAt!: Date;

  @Column("timestamptz", { name: "accepted_at", nullable: true })
  acceptedAt!: Date | null;
}
