// The "federated" benchmark: the federated query through the gateway against each subgraph
// answering a query on its own, under the same closed-loop load.
import { DEV_INTERNAL_SECRET } from "@hub/kit";
import { runPhase, summarize } from "./load";
import { ratioLines, ratios, resultsTable, type BenchOutcome, type ScenarioResult } from "./report";
import { buildScenarios, DEMO_EMAIL, demoViewer, describeFederatedAnswer, devSessionToken, endpoints, graphqlOnce, internalHeaders } from "./scenarios";
import type { Settings } from "./settings";

export async function runFederatedBench(gatewayUrl: string, settings: Settings): Promise<BenchOutcome> {
  const urls = endpoints(gatewayUrl);
  const secret = process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET;
  const sessionToken = await devSessionToken(gatewayUrl, DEMO_EMAIL);
  const viewer = await demoViewer(urls.peopleTerritories, secret, DEMO_EMAIL);
  console.log(`signed in as ${DEMO_EMAIL} (${viewer.roles.join(", ")}; organization ${viewer.organizationId})`);
  const scenarios = buildScenarios(urls, sessionToken, internalHeaders(viewer, secret));

  console.log("\nchecking each query once:");
  for (const scenario of scenarios) {
    const { url, body } = scenario.request;
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    let data: unknown;
    try {
      data = await graphqlOnce(url, scenario.request.headers(), query, variables);
    } catch (error) {
      throw new Error(`${scenario.name}: the query failed before measuring: ${(error as Error).message}`, { cause: error });
    }
    const problem = scenario.inspect(data);
    if (problem) throw new Error(`${scenario.name}: unexpected answer before measuring: ${problem}: ${JSON.stringify(data).slice(0, 300)}`);
    console.log(`  ok  ${scenario.name.padEnd(18)} ${scenario.name === "federated" ? describeFederatedAnswer(data) : JSON.stringify(data).slice(0, 90)}`);
  }

  console.log(`\nload: ${settings.concurrency} concurrent workers, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per scenario`);
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const phase = { concurrency: settings.concurrency, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs };
    const warmup = settings.warmupSeconds > 0 ? await runPhase(scenario.request, { ...phase, durationMs: settings.warmupSeconds * 1000 }) : null;
    const measured = await runPhase(scenario.request, { ...phase, durationMs: settings.seconds * 1000 });
    const errorSamples: Record<string, number> = { ...warmup?.errorSamples };
    for (const [message, count] of Object.entries(measured.errorSamples)) errorSamples[message] = (errorSamples[message] ?? 0) + count;
    const result: ScenarioResult = {
      name: scenario.name,
      description: scenario.description,
      url: scenario.request.url,
      warmup: { requests: warmup?.requests ?? 0, errors: warmup?.errors ?? 0, elapsedMs: warmup?.elapsedMs ?? 0 },
      measured: summarize(measured),
      errorSamples,
    };
    results.push(result);
    const m = result.measured;
    console.log(`  ${scenario.name.padEnd(18)} ${m.requests} requests, ${m.rps.toFixed(1)} rps, p50 ${m.p50.toFixed(2)} ms, ${m.errors + result.warmup.errors} errors`);
  }

  const federated = results.find((r) => r.name === "federated");
  if (!federated) throw new Error("the federated scenario did not run");
  const baselines = results.filter((r) => r.name !== "federated");
  const totalErrors = results.reduce((sum, r) => sum + r.measured.errors + r.warmup.errors, 0);

  console.log(`\nresults (${settings.seconds} s measured, C=${settings.concurrency}; latencies of successful requests, nearest-rank percentiles):\n`);
  console.log(resultsTable(results));
  console.log("\nfederated query through the gateway vs each subgraph queried alone:");
  for (const line of ratioLines(federated, baselines)) console.log(`  ${line}`);

  const failures = results.flatMap((r) => Object.entries(r.errorSamples).map(([message, count]) => `${r.name}: ${count}× ${message}`));
  return { failures, result: { totalErrors, scenarios: results, ratios: ratios(federated, baselines) } };
}
