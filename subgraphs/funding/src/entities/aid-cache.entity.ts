import { Column, Entity, PrimaryColumn } from "typeorm";
import type { AidSearchCriteria, AtAidResult } from "../clients/aides-territoires.types";

/** An Aides-Territoires aid search, kept across requests: the ids of the aids found, in the API's order. */
@Entity("aid_search")
export class AidSearchEntry {
  /** The criteria as canonical JSON. */
  @PrimaryColumn("text")
  key!: string;

  @Column("jsonb")
  criteria!: AidSearchCriteria;

  @Column("integer", { name: "aid_ids", array: true })
  aidIds!: number[];

  /** The API's `count` (may exceed the aids kept, capped at MAX_SEARCH_PAGES pages). */
  @Column("integer")
  total!: number;

  /** The ETag of each page read ('' when the API sent none), for If-None-Match. */
  @Column("text", { array: true })
  etags!: string[];

  /** When the API last confirmed this answer (200 or 304). */
  @Column("timestamptz", { name: "fetched_at" })
  fetchedAt!: Date;
}

/** An Aides-Territoires aid as last received (from a search or by id). */
@Entity("aid")
export class CachedAid {
  @PrimaryColumn("integer")
  id!: number;

  @Column("jsonb")
  body!: AtAidResult;

  /** The ETag of `/api/aids/by-id/` when it was read there. */
  @Column("text", { nullable: true })
  etag!: string | null;

  @Column("timestamptz", { name: "fetched_at" })
  fetchedAt!: Date;
}
