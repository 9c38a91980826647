import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A file attached to a project: metadata here, bytes in the document storage. */
@Entity("document")
@ObjectType("Document", { description: "A file attached to a project." })
// people-territories adds `uploadedBy` from `uploadedById`.
@Directive('@key(fields: "id")')
export class Document {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("text")
  @Field()
  name!: string;

  @Column("text", { name: "content_type" })
  @Field()
  contentType!: string;

  @Column("integer")
  @Field(() => Int, { description: "Size in bytes." })
  size!: number;

  @Column("text")
  @Field({ description: "SHA-256 of the content, hex." })
  sha256!: string;

  @Column("text", { name: "storage_key" })
  storageKey!: string;

  @Column("uuid", { name: "uploaded_by", nullable: true })
  uploadedBy!: string | null;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;
}
