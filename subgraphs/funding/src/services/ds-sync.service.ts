import type { Logger } from "@hub/kit";
import { In, Not, type DataSource } from "typeorm";
import { amountOf, type DsDossier } from "../clients/demarches-simplifiees.operations";
import { DsSyncCursor, FINAL_STATUSES, FundingApplication } from "../entities/funding-application.entity";
import { applyChange, statusOf, type ApplicationServices } from "./funding-application.service";
import type { Procedure } from "../lib/procedures.config";

/** Prefill tokens asked per GET (keeps the URL short). */
const TOKENS_PER_CALL = 50;

export interface SyncReport {
  /** Applications whose state or amounts changed. */
  changed: number;
  /** Procedures whose follow-up failed (their error is logged; the others went on). */
  failed: string[];
}

/**
 * Follows the dossiers the hub pre-filled. For every procedure: the public API by prefill token
 * (state and dates, no token needed), then, with an API v2 token configured, the paged
 * `dossiers(updatedSince:)` (amounts from champs and annotations), resuming from a cursor kept
 * in `ds_sync_cursor`. Changes go through `applyChange` (activity in the outbox).
 */
export class DsSync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SyncReport> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: ApplicationServices,
    private readonly logger: Logger,
  ) {}

  /** Syncs every `intervalMs` (0: never on its own). */
  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.syncAll().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass over every procedure (or only `projectId`'s dossiers); concurrent callers share it. */
  syncAll(projectId?: string): Promise<SyncReport> {
    if (this.running) return this.running;
    this.running = this.run(projectId).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(projectId?: string): Promise<SyncReport> {
    const report: SyncReport = { changed: 0, failed: [] };
    for (const procedure of this.services.procedures) {
      try {
        // The API v2 first: it carries the amounts, so a decision is recorded with them; then
        // the prefill tokens, which also see what the API never shows (prefilled, brouillon).
        const token = this.services.apiTokens[procedure.key];
        if (token) report.changed += await this.followApi(procedure, token);
        report.changed += await this.followPrefilled(procedure, projectId);
      } catch (error) {
        report.failed.push(procedure.key);
        this.logger.warn(`DS sync of ${procedure.key} (démarche ${procedure.demarcheNumber}) failed: ${(error as Error).message}`);
      }
    }
    if (report.changed > 0) void this.services.outbox.kick();
    return report;
  }

  private async followPrefilled(procedure: Procedure, projectId?: string): Promise<number> {
    const open = await this.dataSource.getRepository(FundingApplication).findBy({
      demarcheNumber: procedure.demarcheNumber,
      status: Not(In([...FINAL_STATUSES])),
      ...(projectId ? { projectId } : {}),
    });
    let changed = 0;
    for (let i = 0; i < open.length; i += TOKENS_PER_CALL) {
      const batch = open.slice(i, i + TOKENS_PER_CALL);
      const dossiers = await this.services.ds.prefilledDossiers(
        procedure.demarcheNumber,
        batch.map((a) => a.prefillToken),
      );
      const byToken = new Map(dossiers.map((d) => [d.dossier_prefill_token, d]));
      for (const application of batch) {
        const dossier = byToken.get(application.prefillToken);
        if (!dossier) continue;
        const done = await this.dataSource.transaction((manager) =>
          applyChange(manager, application, procedure, {
            status: statusOf(dossier.state),
            ...(dossier.submitted_at ? { submittedAt: new Date(dossier.submitted_at) } : {}),
            ...(dossier.processed_at ? { processedAt: new Date(dossier.processed_at) } : {}),
          }),
        );
        if (done) changed++;
      }
    }
    return changed;
  }

  private async followApi(procedure: Procedure, token: string): Promise<number> {
    const cursors = this.dataSource.getRepository(DsSyncCursor);
    const since = (await cursors.findOneBy({ demarcheNumber: procedure.demarcheNumber }))?.updatedSince ?? null;
    let latest = since;
    let after: string | null = null;
    let changed = 0;
    for (;;) {
      const page = await this.services.ds.dossiersSince(token, procedure.demarcheNumber, since?.toISOString() ?? null, after);
      const nodes = (page.demarche.dossiers.nodes ?? []).filter((d): d is DsDossier => d !== null);
      const ours = await this.dataSource.getRepository(FundingApplication).findBy({ demarcheNumber: procedure.demarcheNumber, dossierNumber: In(nodes.map((d) => d.number)) });
      const byNumber = new Map(ours.map((a) => [a.dossierNumber, a]));
      for (const dossier of nodes) {
        const modified = new Date(dossier.dateDerniereModification);
        if (!latest || modified > latest) latest = modified;
        const application = byNumber.get(dossier.number);
        if (!application) continue; // a dossier the hub did not prepare
        const done = await this.dataSource.transaction((manager) =>
          applyChange(manager, application, procedure, {
            status: statusOf(dossier.state),
            submittedAt: new Date(dossier.dateDepot),
            processedAt: dossier.dateTraitement ? new Date(dossier.dateTraitement) : null,
            amountRequested: amountOf(dossier.champs, procedure.amounts.requestedChampId),
            amountGranted: amountOf(dossier.annotations, procedure.amounts.grantedAnnotationId),
          }),
        );
        if (done) changed++;
      }
      const { hasNextPage, endCursor } = page.demarche.dossiers.pageInfo;
      if (!hasNextPage || !endCursor) break;
      after = endCursor;
    }
    // Saved once every page is read: a failure in between replays from the last complete pass.
    if (latest && latest !== since) await cursors.upsert({ demarcheNumber: procedure.demarcheNumber, updatedSince: latest }, ["demarcheNumber"]);
    return changed;
  }
}
