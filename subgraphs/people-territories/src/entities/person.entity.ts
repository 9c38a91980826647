import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { NotificationFrequency } from "./notification.entity";

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
  @Field(() => String, { nullable: true, description: "Null for viewers who may not see personal data (analysts)." })
  email!: string;

  @Column("text", { name: "given_name" })
  @Field(() => String, { nullable: true, description: "Null for viewers who may not see personal data." })
  givenName!: string;

  @Column("text", { name: "usual_name" })
  @Field(() => String, { nullable: true, description: "Null for viewers who may not see personal data." })
  usualName!: string;

  /** ProConnect subject (unique per identity provider and service), once they signed in. */
  @Column("text", { nullable: true, unique: true })
  sub!: string | null;

  @Column("uuid", { name: "invited_by", nullable: true })
  invitedBy!: string | null;

  @Column("text", { default: AccountStatus.ACTIVE })
  @Field(() => AccountStatus)
  status!: AccountStatus;

  /** Immediate e-mails or a daily digest (`Person.notificationFrequency`, own only). */
  @Column("text", { name: "notification_frequency", default: NotificationFrequency.IMMEDIATE })
  notificationFrequency!: NotificationFrequency;

  /** The themes a State agent follows (Aides-Territoires slugs): who to assign a project of those themes to. */
  @Column("text", { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: "The themes they follow (Aides-Territoires slugs, see `themes`): a State agent's specialities, by which a project is assigned. Empty when none." })
  themes!: string[];

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
