/** Stops the embedded PostgreSQL server of the global setup, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { hubTestPostgres?: { stop(): Promise<void> } }).hubTestPostgres?.stop();
}
