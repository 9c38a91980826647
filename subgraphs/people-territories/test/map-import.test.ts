import { openDatabase, withDatabase, type Database } from "@hub/kit";
import { loadCog } from "@hub/reference";
import { Client } from "pg";
import { buildMap, importMap } from "../src/services/cog-import.service";
import { ENTITIES, MIGRATIONS } from "../src/server";

/** The import on a fresh empty database, then again: counts come from the reference data itself. */
describe("map import", () => {
  const name = `hub_t_import_${process.pid}`;
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ url: withDatabase(process.env.HUB_TEST_DATABASE_URL!, name), entities: ENTITIES, migrations: MIGRATIONS });
  });
  afterAll(async () => {
    await database.dataSource.destroy();
    const admin = new Client({ connectionString: withDatabase(process.env.HUB_TEST_DATABASE_URL!, "postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("imports every level of the map, and a second run changes nothing", async () => {
    const cog = loadCog();
    const first = await importMap(database.dataSource);
    const expected = {
      REGION: cog.regions.length,
      DEPARTEMENT: cog.departements.length,
      ARRONDISSEMENT: cog.arrondissements.length,
      COMMUNE: cog.communes.filter((c) => c.type === "commune-actuelle").length,
      COMMUNE_DELEGUEE: cog.communes.filter((c) => c.type === "commune-deleguee" || c.type === "commune-associee").length,
      EPCI: cog.epcis.length,
      CRTE: new Set(cog.crteMembers.map((m) => m.id)).size,
    };
    expect(first.byKind).toEqual(expected);
    expect(expected.CRTE).toBe(854);
    const [orgs] = await database.dataSource.query<Record<string, number>[]>(
      `SELECT count(*) FILTER (WHERE kind = 'PREFECTURE')::int AS prefectures, count(*) FILTER (WHERE kind = 'SOUS_PREFECTURE')::int AS sous,
              count(*) FILTER (WHERE kind = 'DDT')::int AS ddt, count(*) FILTER (WHERE name LIKE 'Direction départementale des territoires et de la mer%')::int AS ddtm,
              count(*) FILTER (WHERE kind = 'OPERATOR')::int AS operators, count(*) FILTER (WHERE kind = 'COLLECTIVITE')::int AS collectivites
         FROM organization`,
    );
    const { sous, ...fixed } = orgs;
    expect(fixed).toEqual({
      prefectures: cog.departements.length,
      ddt: cog.departements.length,
      ddtm: 26,
      operators: 5,
      collectivites: cog.communes.filter((c) => c.type === "commune-actuelle" && c.siren).length + cog.epcis.length,
    });
    expect(sous).toBeGreaterThan(200);
    expect(orgs.sous).toBeLessThan(cog.arrondissements.length);
    const rows = await database.dataSource.query<{ kind: string; n: number }[]>(`SELECT kind, count(*)::int AS n FROM territory GROUP BY kind`);
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.n]))).toEqual(expected);
    expect(first.territories.inserted).toBe(first.territories.total);

    const second = await importMap(database.dataSource);
    expect([second.territories, second.links, second.organizations].map((r) => [r.inserted, r.updated, r.deleted])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("links a commune to its département, région, EPCI and, through the EPCI, its CRTE", async () => {
    const [clermont] = await database.dataSource.query<{ name: string; departement_code: string; region_code: string; postal_codes: string[]; epcis: string[]; crtes: string[] }[]>(
      `SELECT t.name, t.departement_code, t.region_code, t.postal_codes,
              (SELECT array_agg(p.name) FROM territory_link l JOIN territory p ON p.id = l.parent_id WHERE l.child_id = t.id AND p.kind = 'EPCI') AS epcis,
              (SELECT array_agg(DISTINCT c.id) FROM territory_link l JOIN territory_link l2 ON l2.child_id = l.parent_id JOIN territory c ON c.id = l2.parent_id
                WHERE l.child_id = t.id AND c.kind = 'CRTE') AS crtes
         FROM territory t WHERE t.id = 'COMMUNE:63113'`,
    );
    expect(clermont).toEqual({
      name: "Clermont-Ferrand",
      departement_code: "63",
      region_code: "84",
      postal_codes: ["63000", "63100"],
      epcis: ["Clermont Auvergne Métropole"],
      crtes: [expect.stringMatching(/^CRTE:crte-84-63-\d+$/)],
    });
    // Every membership built from the reference data is stored.
    const [{ n }] = await database.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM territory_link`);
    expect(n).toBe(buildMap().links.length);
  });
});
