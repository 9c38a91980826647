import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1764331200000 implements MigrationInterface {
  name = "Initial1764331200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await queryRunner.query(`
      CREATE TABLE territory (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('REGION', 'DEPARTEMENT', 'EPCI', 'COMMUNE', 'CRTE')),
        code text NOT NULL,
        name text NOT NULL,
        population integer,
        siren text,
        postal_codes text[] NOT NULL DEFAULT '{}',
        departement_code text,
        region_code text,
        search_name text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX territory_search_name_idx ON territory (search_name text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX territory_kind_code_idx ON territory (kind, code)`);
    await queryRunner.query(`CREATE INDEX territory_postal_codes_idx ON territory USING gin (postal_codes)`);
    await queryRunner.query(`
      CREATE TABLE territory_link (
        parent_id text NOT NULL REFERENCES territory (id) ON DELETE CASCADE,
        child_id text NOT NULL REFERENCES territory (id) ON DELETE CASCADE,
        PRIMARY KEY (parent_id, child_id)
      )`);
    await queryRunner.query(`CREATE INDEX territory_link_child_idx ON territory_link (child_id)`);
    await queryRunner.query(`
      CREATE TABLE organization (
        id text PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        siret text,
        territory_id text REFERENCES territory (id)
      )`);
    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        given_name text NOT NULL,
        usual_name text NOT NULL,
        organization_id text NOT NULL REFERENCES organization (id),
        role text NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE reference_import (
        name text PRIMARY KEY,
        fingerprint text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reference_import`);
    await queryRunner.query(`DROP TABLE person`);
    await queryRunner.query(`DROP TABLE organization`);
    await queryRunner.query(`DROP TABLE territory_link`);
    await queryRunner.query(`DROP TABLE territory`);
  }
}
