import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A programme's API key. Only a hash of its secret is stored; the key is shown once. */
@Entity("api_key")
@ObjectType({ description: "An API key of an external programme (its secret is never shown again)." })
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field()
  name!: string;

  /** Public part of the key, used to find it (`hubk_<prefix>_<secret>`). */
  @Column("text", { unique: true })
  @Field({ description: "The key's public prefix, to recognise it." })
  prefix!: string;

  @Column("text", { name: "secret_hash" })
  secretHash!: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: 'What it may do, e.g. "projects:read", "programme:crte:read".' })
  scopes!: string[];

  @Column("text", { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: 'The programmes it is limited to (e.g. "CRTE", "Villages d\'avenir"): it reads only their projects and figures. Empty: no such limit.' })
  programmes!: string[];

  @Column("text", { array: true, name: "territory_ids", default: () => "'{}'" })
  @Field(() => [ID], { description: 'The territories it is limited to (e.g. "REGION:84", "CRTE:crte-84-01-1"): it reads only projects in one of them, and their figures. Empty: no such limit.' })
  territoryIds!: string[];

  @Column("uuid", { name: "created_by", nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  @Field()
  createdAt!: Date;

  @Column("integer", { name: "requests_per_minute", nullable: true })
  @Field(() => Int, { nullable: true, description: "Its rate limit, in requests per minute, enforced by the gateway; null: the gateway's default for keys." })
  requestsPerMinute!: number | null;

  @Column("integer", { name: "max_operation_cost", nullable: true })
  @Field(() => Int, { nullable: true, description: "The largest estimated cost of one of its operations; null: the gateway's limit (QUERY_MAX_COST)." })
  maxOperationCost!: number | null;

  @Column("integer", { name: "cost_per_minute", nullable: true })
  @Field(() => Int, { nullable: true, description: "Its cost budget per minute: the total estimated cost of its operations in any minute, enforced by the gateway; null: none (only the rate)." })
  costPerMinute!: number | null;

  @Column("boolean", { name: "trusted_operations_only", default: false })
  @Field({ description: "Only registered operations (trusted documents) run for it; others are refused with PERSISTED_QUERY_NOT_IN_LIST." })
  trustedOperationsOnly!: boolean;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}
