import { randomUUID } from "node:crypto";
import { rowReader } from "@hub/kit";
import { startHub, type Hub } from "@hub/testing";
import type { DataSource } from "typeorm";
import { Project } from "../src/entities/project.entity";

// The lists of projects read their rows with the kit's rowReader instead of typeorm's query
// builder: an entity read that way must equal the one typeorm reads, column types and
// conversions included (dates, `date` columns as strings, the bigint transformer, jsonb, arrays, nulls).
describe("rowReader: projects read with plain SQL equal typeorm's", () => {
  let hub: Hub;
  let dataSource: DataSource;
  const TAG = `lecture-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    hub = await startHub();
    dataSource = hub.subgraphs.projects.database.dataSource;
    // 12 projects of this suite's own programme, the columns' defaults and nulls; then the
    // first one with every optional column set, so that each conversion is exercised.
    await hub.sql(
      "projects",
      `INSERT INTO project (id, title, status, territory_id, territory_ids, owner_id, programmes, created_at)
       SELECT gen_random_uuid(), 'Projet ' || n, 'SUBMITTED', 'COMMUNE:63113', ARRAY['COMMUNE:63113', 'DEPARTEMENT:63'], 'COLLECTIVITE:216301135', ARRAY[$1],
              '2026-01-01T00:00:00Z'::timestamptz + n * interval '1 hour'
         FROM generate_series(1, 12) AS n`,
      [TAG],
    );
    await hub.sql(
      "projects",
      `UPDATE project SET budget_euros = 1234567890123, start_date = '2027-02-01', end_date = '2028-12-31', priority = 'HIGH', themes = ARRAY['eau', 'mobilite'],
              blocked_reason = 'En attente du PLU', status_reason = 'Renvoyé', submitted_at = '2026-11-02T10:11:12.345678Z',
              inactive_since = '2026-11-30T00:00:00Z', inactive_reason = 'NO_ACTIVITY', external_source = 'crte-2026', external_id = 'X-1',
              diagnostic = '{"needs": "Une école", "partners": ["Région"], "financing": [{"funder": "État", "amount": 1000.5, "acquired": true}]}'
        WHERE id = (SELECT id FROM project WHERE $1 = ANY(programmes) ORDER BY created_at LIMIT 1)`,
      [TAG],
    );
  });
  afterAll(() => hub.stop());

  it("reads every column of every project as typeorm does", async () => {
    const byTypeorm = await dataSource.getRepository(Project).createQueryBuilder("p").where(":tag = ANY(p.programmes)", { tag: TAG }).orderBy("p.created_at").getMany();
    const reader = rowReader(dataSource, Project);
    const byReader = reader.read(await dataSource.query(`SELECT ${reader.select("p")} FROM project p WHERE $1 = ANY(p.programmes) ORDER BY p.created_at`, [TAG]));
    expect(byTypeorm.length).toBe(12);
    expect(byReader).toEqual(byTypeorm);
    expect(byReader.every((project) => project instanceof Project)).toBe(true);
    // The project set above: its conversions, as the API serves them.
    const [full] = byReader;
    expect([full.budgetEuros, full.startDate, full.endDate, full.submittedAt?.toISOString(), full.diagnosticData]).toEqual([
      1234567890123,
      "2027-02-01",
      "2028-12-31",
      "2026-11-02T10:11:12.345Z",
      { needs: "Une école", partners: ["Région"], financing: [{ funder: "État", amount: 1000.5, acquired: true }] },
    ]);
  });

  it("reads the columns asked for only, and refuses a property that is not a column", async () => {
    const reader = rowReader(dataSource, Project);
    const [project] = reader.read(await dataSource.query(`SELECT ${reader.select("p", ["id", "themes", "createdAt"])} FROM project p LIMIT 1`));
    expect(Object.keys(project).sort()).toEqual(["createdAt", "id", "themes"]);
    expect(project.createdAt).toBeInstanceOf(Date);
    expect(() => reader.select("p", ["id", "territory"])).toThrow("Project has no column for the property territory");
  });
});
