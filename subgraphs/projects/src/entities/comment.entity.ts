import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A message of a project's conversation; internal notes are for the State's agents only. */
@Entity("comment")
@ObjectType({ description: "A message of a project's conversation." })
// people-territories adds `author` from `authorId`.
@Directive('@key(fields: "id")')
export class Comment {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("uuid", { name: "author_id", nullable: true })
  // Read by people-territories (@requires) to resolve the person, with its visibility rule; hidden from the API.
  @Field(() => ID, { nullable: true })
  @Directive("@inaccessible")
  authorId!: string | null;

  @Column("text")
  @Field()
  body!: string;

  @Column("boolean", { default: false })
  @Field({ description: "An internal note, visible to State agents only." })
  internal!: boolean;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;
}
