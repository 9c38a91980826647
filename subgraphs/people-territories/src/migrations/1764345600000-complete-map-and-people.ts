import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The complete map (arrondissements, communes déléguées/associées, trigram search), people
 * with organisation memberships, ProConnect subjects, and API keys.
 */
export class CompleteMapAndPeople1764345600000 implements MigrationInterface {
  name = "CompleteMapAndPeople1764345600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`ALTER TABLE territory DROP CONSTRAINT territory_kind_check`);
    await queryRunner.query(`ALTER TABLE territory ADD CONSTRAINT territory_kind_check
      CHECK (kind IN ('REGION', 'DEPARTEMENT', 'ARRONDISSEMENT', 'EPCI', 'COMMUNE', 'COMMUNE_DELEGUEE', 'CRTE'))`);
    await queryRunner.query(`ALTER TABLE territory ADD COLUMN arrondissement_code text`);
    await queryRunner.query(`CREATE INDEX territory_search_trgm_idx ON territory USING gin (search_name gin_trgm_ops)`);
    // The importer's normal form changed (Saint → St): the next start re-imports.
    await queryRunner.query(`DELETE FROM reference_import WHERE name = 'map'`);

    await queryRunner.query(`
      CREATE TABLE membership (
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        organization_id text NOT NULL REFERENCES organization (id),
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, organization_id)
      )`);
    await queryRunner.query(`CREATE INDEX membership_organization_idx ON membership (organization_id)`);
    await queryRunner.query(`INSERT INTO membership (person_id, organization_id, role) SELECT id, organization_id, role FROM person`);
    await queryRunner.query(`ALTER TABLE person DROP COLUMN organization_id, DROP COLUMN role`);
    await queryRunner.query(`ALTER TABLE person ADD COLUMN sub text UNIQUE, ADD COLUMN invited_by uuid REFERENCES person (id)`);

    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_by uuid REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key`);
    await queryRunner.query(`ALTER TABLE person DROP COLUMN sub, DROP COLUMN invited_by`);
    await queryRunner.query(`ALTER TABLE person ADD COLUMN organization_id text REFERENCES organization (id), ADD COLUMN role text`);
    await queryRunner.query(`UPDATE person p SET organization_id = m.organization_id, role = m.role
      FROM (SELECT DISTINCT ON (person_id) * FROM membership ORDER BY person_id, created_at) m WHERE m.person_id = p.id`);
    await queryRunner.query(`DROP TABLE membership`);
    await queryRunner.query(`DROP INDEX territory_search_trgm_idx`);
    await queryRunner.query(`ALTER TABLE territory DROP COLUMN arrondissement_code`);
    await queryRunner.query(`DELETE FROM territory WHERE kind IN ('ARRONDISSEMENT', 'COMMUNE_DELEGUEE')`);
    await queryRunner.query(`ALTER TABLE territory DROP CONSTRAINT territory_kind_check`);
    await queryRunner.query(`ALTER TABLE territory ADD CONSTRAINT territory_kind_check CHECK (kind IN ('REGION', 'DEPARTEMENT', 'EPCI', 'COMMUNE', 'CRTE'))`);
    await queryRunner.query(`DELETE FROM reference_import WHERE name = 'map'`);
  }
}
