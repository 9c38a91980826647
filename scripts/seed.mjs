// `npm run seed -- --projects 80000`: a national portfolio for volume (the projects subgraph's
// seedNationalPortfolio): that many projects over every CRTE, each with its history in the
// journal, written with bulk SQL into the projects database (see projects-database.mjs).
// Projects already seeded are kept: a second run adds only the missing ones. Prints the time.
import { createRequire } from "node:module";
import { openProjectsDatabase } from "./projects-database.mjs";

const require = createRequire(import.meta.url);
const USAGE = "usage: npm run seed -- --projects <count>";

async function main() {
  const args = process.argv.slice(2);
  const count = args[0] === "--projects" && args.length === 2 && /^\d+$/.test(args[1]) ? Number(args[1]) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) {
    console.error(`${USAGE} (1 to 1,000,000)`);
    return 2;
  }
  const { seedNationalPortfolio } = require("@hub/projects");
  const db = await openProjectsDatabase();
  try {
    let shown = 0;
    const report = await seedNationalPortfolio(db.dataSource, count, (created) => {
      if (created - shown >= 10_000) {
        shown = created;
        console.log(`  ${created} projects written`);
      }
    });
    const seconds = (report.milliseconds / 1000).toFixed(1);
    console.log(
      `${db.where}: ${report.existing} seeded projects were there, ${report.created} added with ${report.activities} activities in ${seconds} s` +
        (report.created > 0 ? ` (${Math.round((report.activities * 1000) / report.milliseconds)} activities/s)` : ""),
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`seed failed: ${error.message}`);
    process.exit(1);
  },
);
