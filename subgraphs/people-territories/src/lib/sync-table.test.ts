import { DataSource, type QueryRunner } from "typeorm";
import { syncTable } from "./sync-table";
import { withDatabase } from "@hub/kit";

/**
 * `syncTable` on a real PostgreSQL server (the test run's), through a typeorm QueryRunner as
 * the COG import uses it, on temporary tables (gone with the connection).
 */
describe("syncTable", () => {
  let dataSource: DataSource;
  let db: QueryRunner;
  const ITEM = { id: "text", name: "text", size: "int" };

  beforeAll(async () => {
    const url = process.env.HUB_TEST_DATABASE_URL;
    if (!url) throw new Error("HUB_TEST_DATABASE_URL is not set: run the tests through jest's global setup");
    dataSource = await new DataSource({ type: "postgres", url: withDatabase(url, "postgres") }).initialize();
    db = dataSource.createQueryRunner();
  });
  afterAll(async () => {
    await db.release();
    await dataSource.destroy();
  });
  beforeEach(async () => {
    await db.query("DROP TABLE IF EXISTS pg_temp.item, pg_temp.link");
    await db.query("CREATE TEMP TABLE item (id text PRIMARY KEY, name text NOT NULL, size int)");
    await db.query("CREATE TEMP TABLE link (parent text, child text, PRIMARY KEY (parent, child))");
  });

  /** The table's rows with their row version (xmin changes when a row is written). */
  const items = (): Promise<{ id: string; name: string; size: number | null; xmin: string }[]> => db.query("SELECT id, name, size, xmin::text FROM item ORDER BY id");
  const withoutVersion = (rows: { xmin: string }[]) => rows.map(({ xmin: _xmin, ...row }) => row);

  it("inserts, then changes nothing when run again with the same rows", async () => {
    const rows = [
      { id: "a", name: "Ain", size: 1 },
      { id: "b", name: "Aisne", size: null },
      { id: "c", name: "Allier", size: 3 },
    ];
    expect(await syncTable(db, "item", ITEM, ["id"], rows)).toEqual({ inserted: 3, updated: 0, deleted: 0 });
    const first = await items();
    expect(withoutVersion(first)).toEqual(rows);
    expect(await syncTable(db, "item", ITEM, ["id"], rows)).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    // Not even rewritten with the same values.
    expect(await items()).toEqual(first);
  });

  it("updates only the rows that differ, inserts new ones and deletes the absent ones", async () => {
    await syncTable(
      db,
      "item",
      ITEM,
      ["id"],
      [
        { id: "a", name: "Ain", size: 1 },
        { id: "b", name: "Aisne", size: 2 },
        { id: "c", name: "Allier", size: 3 },
        { id: "d", name: "Alpes", size: 4 },
      ],
    );
    const before = Object.fromEntries((await items()).map((r) => [r.id, r.xmin]));
    const next = [
      { id: "a", name: "Ain", size: 1 },
      { id: "b", name: "Aisne (02)", size: 2 },
      { id: "c", name: "Allier", size: null },
      { id: "e", name: "Ardèche", size: 7 },
    ];
    expect(await syncTable(db, "item", ITEM, ["id"], next)).toEqual({ inserted: 1, updated: 2, deleted: 1 });
    const after = await items();
    expect(withoutVersion(after)).toEqual(next);
    expect(after.map((r) => [r.id, r.xmin === before[r.id]])).toEqual([
      ["a", true],
      ["b", false],
      ["c", false],
      ["e", false],
    ]);
    expect(await syncTable(db, "item", ITEM, ["id"], next)).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  });

  it("empties the table when given no rows", async () => {
    await syncTable(
      db,
      "item",
      ITEM,
      ["id"],
      [
        { id: "a", name: "Ain", size: 1 },
        { id: "b", name: "Aisne", size: 2 },
      ],
    );
    expect(await syncTable(db, "item", ITEM, ["id"], [])).toEqual({ inserted: 0, updated: 0, deleted: 2 });
    expect(await items()).toEqual([]);
  });

  it("syncs a table whose columns are all key (links), by composite key", async () => {
    const LINK = { parent: "text", child: "text" };
    const links = [
      { parent: "DEPARTEMENT:63", child: "COMMUNE:63113" },
      { parent: "DEPARTEMENT:63", child: "COMMUNE:63014" },
      { parent: "EPCI:246300701", child: "COMMUNE:63113" },
    ];
    expect(await syncTable(db, "link", LINK, ["parent", "child"], links)).toEqual({ inserted: 3, updated: 0, deleted: 0 });
    expect(await syncTable(db, "link", LINK, ["parent", "child"], links)).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(await syncTable(db, "link", LINK, ["parent", "child"], links.slice(1))).toEqual({ inserted: 0, updated: 0, deleted: 1 });
    expect(await db.query("SELECT parent, child FROM link ORDER BY parent, child")).toEqual(links.slice(1));
  });

  it("counts across its batches of 10,000 rows", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ id: String(i).padStart(5, "0"), name: `n${i}`, size: i }));
    expect(await syncTable(db, "item", ITEM, ["id"], rows)).toEqual({ inserted: 10_001, updated: 0, deleted: 0 });
    rows[0].size = -1;
    rows[10_000].size = -1;
    expect(await syncTable(db, "item", ITEM, ["id"], rows)).toEqual({ inserted: 0, updated: 2, deleted: 0 });
    expect(await db.query("SELECT count(*)::int AS n, sum(size)::bigint::text AS total FROM item")).toEqual([{ n: 10_001, total: String((10_000 * 10_001) / 2 - 10_000 - 2) }]);
  });
});
