import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { Role } from "@hub/kit";

export enum AccountStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
}
registerEnumType(AccountStatus, { name: "AccountStatus" });

/** A person with an account on the hub. */
@Entity("person")
@ObjectType({ description: "A person with an account: an agent of a collectivité, of the State or of an operator." })
@Directive('@key(fields: "id")')
export class Person {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text", { unique: true })
  @Field()
  email!: string;

  @Column("text", { name: "given_name" })
  @Field()
  givenName!: string;

  @Column("text", { name: "usual_name" })
  @Field()
  usualName!: string;

  @Column("text", { name: "organization_id" })
  organizationId!: string;

  @Column("text")
  role!: Role;

  @Column("text", { default: AccountStatus.ACTIVE })
  @Field(() => AccountStatus)
  status!: AccountStatus;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
