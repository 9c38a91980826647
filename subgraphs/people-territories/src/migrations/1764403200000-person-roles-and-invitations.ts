import type { MigrationInterface, QueryRunner } from "typeorm";

const PERSON_ROLES = "('COLLECTIVITE_AGENT', 'STATE_AGENT', 'ANCT_NATIONAL', 'EXPERT', 'ANALYST')";

/**
 * A membership holds a person role only: SERVICE (the hub itself) and PROGRAMME (API keys) can
 * never be given to a person, whatever code writes the row. Invitations of existing accounts wait
 * for their consent in `invitation`.
 */
export class PersonRolesAndInvitations1764403200000 implements MigrationInterface {
  name = "PersonRolesAndInvitations1764403200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // A membership with another role was never legitimate: it goes, rather than block the constraint.
    await queryRunner.query(`DELETE FROM membership WHERE role NOT IN ${PERSON_ROLES}`);
    await queryRunner.query(`ALTER TABLE membership ADD CONSTRAINT membership_person_role CHECK (role IN ${PERSON_ROLES})`);
    await queryRunner.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        organization_id text NOT NULL REFERENCES organization (id),
        role text NOT NULL CHECK (role IN ${PERSON_ROLES}),
        invited_by uuid REFERENCES person (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz
      )`);
    // One pending invitation per person and organisation.
    await queryRunner.query(`CREATE UNIQUE INDEX invitation_pending_idx ON invitation (person_id, organization_id) WHERE accepted_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invitation`);
    await queryRunner.query(`ALTER TABLE membership DROP CONSTRAINT membership_person_role`);
  }
}
