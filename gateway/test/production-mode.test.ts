/**
 * A gateway process that is not told its mode (`node gateway/dist/main.js`, as the Docker image
 * runs it) is a production gateway: without secrets of its own it refuses to start, saying
 * why in one line; with them it has no development sign-in, and with no subgraph it is alive
 * (/health) but not ready (/ready). Development stays on loopback.
 * Runs the compiled gateway (npm test builds first), with no subgraph behind it.
 */
import { freePort } from "@hub/local-postgres";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

const MAIN = join(__dirname, "..", "dist", "main.js");

/** The environment of a fresh shell: none of the hub's variables from the test run. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, APOLLO_TELEMETRY_DISABLED: "true" };
  // Subgraphs that do not answer: the gateway composes from the committed supergraph.
  for (const name of ["PROJECTS", "PEOPLE_TERRITORIES", "FUNDING", "REPORTING"]) env[`${name}_URL`] = "http://127.0.0.1:9/graphql";
  return { ...env, ...extra };
}

interface Started {
  port: number;
  stop(): Promise<void>;
}

/** Runs the gateway; resolves when it is ready, or with its exit code and output if it stops first. */
function runGateway(extra: Record<string, string>, port: number): Promise<Started | { code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], { env: cleanEnv({ GATEWAY_PORT: String(port), ...extra }), stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("ready at")) return;
      resolve({
        port,
        stop: () =>
          new Promise<void>((done) => {
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

const secret = () => randomBytes(24).toString("hex");

/** How the gateway refused to start; a gateway that did start is stopped (and the test fails). */
async function refusal(extra: Record<string, string>): Promise<{ code: number | null; stderr: string } | "started"> {
  const result = await runGateway(extra, await freePort());
  if (!("stop" in result)) return result;
  await result.stop();
  return "started";
}

describe("gateway mode", () => {
  it("without HUB_MODE and secrets, refuses to start and lists every missing secret", async () => {
    const result = await refusal({});
    expect(result).toEqual({
      code: 1,
      stderr: "gateway failed to start: invalid configuration: INTERNAL_TOKEN_SECRET is required; SESSION_SECRET is required\n",
    });
  });

  it("without HUB_MODE, refuses the development and test secrets published in the repository", async () => {
    const result = await refusal({ INTERNAL_TOKEN_SECRET: "dev-only-internal-secret-never-use-in-production", SESSION_SECRET: "test-session-secret-0123456789abcdef0123" });
    expect(result).toEqual({
      code: 1,
      stderr:
        "gateway failed to start: invalid configuration: INTERNAL_TOKEN_SECRET is a development or test value published in the repository: set a secret of your own; SESSION_SECRET is a development or test value published in the repository: set a secret of your own\n",
    });
  });

  it("refuses development mode on a non-loopback address", async () => {
    const result = await refusal({ HUB_MODE: "development", HOST: "0.0.0.0" });
    expect(result).toEqual({
      code: 1,
      stderr:
        'gateway failed to start: invalid configuration: HUB_MODE=development listens on a loopback HOST only (got "0.0.0.0"): its sign-in and secrets are public; use HUB_MODE=production with secrets of your own\n',
    });
  });

  it("without HUB_MODE but with secrets of its own, starts in production: no development sign-in", async () => {
    const started = await runGateway({ INTERNAL_TOKEN_SECRET: secret(), SESSION_SECRET: secret() }, await freePort());
    if (!("stop" in started)) throw new Error(`the gateway did not start: ${started.stderr}`);
    try {
      const origin = `http://127.0.0.1:${started.port}`;
      const devToken = await fetch(`${origin}/auth/dev/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nadia.petit@anct.demo" }),
      });
      const methods = await fetch(`${origin}/auth/methods`);
      expect({ devToken: devToken.status, methods: (await methods.json()) as unknown }).toEqual({ devToken: 404, methods: { dev: false, proconnect: false } });
      // No METRICS_TOKEN: /metrics answers no one in production, the machine itself included.
      expect((await fetch(`${origin}/metrics`)).status).toBe(404);
      // No subgraph answers: alive, not ready.
      const health = await fetch(`${origin}/health`);
      const ready = await fetch(`${origin}/ready`);
      expect({ health: health.status, ready: ready.status, readiness: (await ready.json()) as unknown }).toEqual({
        health: 200,
        ready: 503,
        readiness: expect.objectContaining({ status: "down", supergraph: "loaded", down: ["projects", "people-territories", "funding", "reporting"] }) as unknown,
      });
    } finally {
      await started.stop();
    }
  });
});
