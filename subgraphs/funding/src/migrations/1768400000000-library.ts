import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The library of engineering resources and its contact book. Words are searched through
 * `hub_french`: PostgreSQL's `french` configuration (stemming: plurals and feminines meet) with
 * `unaccent` first when the server has it ("ecole" finds "écoles"), as a stored, GIN-indexed
 * tsvector on each row.
 */
export class Library1768400000000 implements MigrationInterface {
  name = "Library1768400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ available }] = (await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') AS available`)) as { available: boolean }[];
    await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION hub_french (COPY = pg_catalog.french)`);
    if (available) {
      // unaccent is a trusted extension: the database's owner may create it.
      await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
      await queryRunner.query(`ALTER TEXT SEARCH CONFIGURATION hub_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`);
    }
    await queryRunner.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('ORGANIZATION', 'PERSON')),
        name text NOT NULL,
        organization_id uuid REFERENCES contact (id) ON DELETE RESTRICT,
        role text,
        email text,
        phone text,
        territory_id text,
        owner_organization_id text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('hub_french', name), 'A') || setweight(to_tsvector('hub_french', coalesce(role, '')), 'B')
        ) STORED
      )`);
    await queryRunner.query(`CREATE INDEX contact_search ON contact USING gin (search)`);
    await queryRunner.query(`CREATE INDEX contact_name ON contact (lower(name), id)`);
    await queryRunner.query(`CREATE INDEX contact_organization ON contact (organization_id) WHERE organization_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE resource (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        themes text[] NOT NULL DEFAULT '{}',
        territory_ids text[] NOT NULL DEFAULT '{}',
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        expires_at timestamptz,
        url text,
        provider_id uuid REFERENCES contact (id) ON DELETE RESTRICT,
        contact_ids uuid[] NOT NULL DEFAULT '{}',
        owner_organization_id text,
        source text NOT NULL DEFAULT 'HUB',
        external_id text,
        version integer NOT NULL DEFAULT 1,
        created_by text,
        updated_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('hub_french', title), 'A') || setweight(to_tsvector('hub_french', summary), 'B') || setweight(to_tsvector('hub_french', body), 'C')
        ) STORED,
        UNIQUE (source, external_id)
      )`);
    await queryRunner.query(`CREATE INDEX resource_search ON resource USING gin (search)`);
    await queryRunner.query(`CREATE INDEX resource_territories ON resource USING gin (territory_ids)`);
    await queryRunner.query(`CREATE INDEX resource_themes ON resource USING gin (themes)`);
    await queryRunner.query(`CREATE INDEX resource_listed ON resource (status, updated_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX resource_contacts ON resource USING gin (contact_ids)`);
    await queryRunner.query(`
      CREATE TABLE resource_version (
        resource_id uuid NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
        version integer NOT NULL,
        snapshot jsonb NOT NULL,
        edited_by text,
        edited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resource_id, version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE resource_version`);
    await queryRunner.query(`DROP TABLE resource`);
    await queryRunner.query(`DROP TABLE contact`);
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION hub_french`);
  }
}
