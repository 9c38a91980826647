import { authorize, badInput, conflict, forbidden, isUuid, notFound, type Logger, type Viewer } from "@hub/kit";
import type { DataSource, EntityManager } from "typeorm";
import type { DemarchesSimplifieesClient, DsPrefilledDossier } from "../clients/demarches-simplifiees.client";
import { FINAL_STATUSES, FundingApplication, FundingApplicationStatus } from "../entities/funding-application.entity";
import { FundingApplicationIncomplete, FundingApplicationPrepared } from "../types/funding-procedure.types";
import { enqueueActivity, type ActivityOutbox } from "./activity-outbox.service";
import { planPrefill } from "../rules/prefill-mapping";
import type { Procedure } from "../lib/procedures.config";
import type { ProjectGate } from "./project-gate.service";

/** What the Démarches Simplifiées half of funding needs, one per process. */
export interface ApplicationServices {
  procedures: Procedure[];
  /** API v2 tokens by procedure key (DS_API_TOKEN_<KEY>); a procedure without one is followed by its prefill tokens only. */
  apiTokens: Record<string, string>;
  ds: DemarchesSimplifieesClient;
  projects: ProjectGate;
  outbox: ActivityOutbox;
  logger: Logger;
}

/** DS orphan dossiers are deleted after 5 days without update: an older PREFILLED one no longer blocks a new one. */
const PREFILLED_LIFETIME_MS = 5 * 86_400_000;

export function findProcedure(procedures: Procedure[], key: string): Procedure {
  const procedure = procedures.find((p) => p.key === key);
  if (!procedure) throw badInput(`Démarche inconnue : « ${key.slice(0, 60)} ». Démarches disponibles : ${procedures.map((p) => p.key).join(", ")}.`, "procedure");
  return procedure;
}

/**
 * Prepares a dossier: checks the procedure, then (as the viewer) that the project is visible and
 * editable, reads its data (as the service), maps it; with every required datum present, POSTs
 * the prefill API and stores the dossier with a PREFILLED activity in the outbox.
 */
export async function prepareApplication(
  dataSource: DataSource,
  services: ApplicationServices,
  viewer: Viewer,
  projectId: string,
  procedureKey: string,
): Promise<FundingApplicationPrepared | FundingApplicationIncomplete> {
  authorize(viewer, "project:write");
  const procedure = findProcedure(services.procedures, procedureKey);
  const missingProject = () => notFound(`Projet introuvable : ${projectId.slice(0, 60)}`);
  if (!isUuid(projectId)) throw missingProject();
  const rights = await services.projects.rights(viewer, projectId);
  if (!rights) throw missingProject();
  if (!rights.edit) throw forbidden("Seuls les porteurs du projet et les services de l’État concernés peuvent préparer une demande de subvention.");
  const open = await dataSource.getRepository(FundingApplication).findBy({ projectId, procedure: procedure.key });
  const current = open.find((a) => !FINAL_STATUSES.includes(a.status) && (a.status !== FundingApplicationStatus.PREFILLED || Date.now() - a.createdAt.getTime() < PREFILLED_LIFETIME_MS));
  if (current) throw conflict(`Un dossier ${procedure.name} (n° ${current.dossierNumber}) est déjà en cours pour ce projet : ${current.dossierUrl}`);
  const project = await services.projects.data(projectId);
  if (!project) throw missingProject();
  const plan = planPrefill(procedure, project);
  if ("missing" in plan) {
    return Object.assign(new FundingApplicationIncomplete(), {
      message: `Le projet ne contient pas encore toutes les informations demandées par la démarche ${procedure.name}.`,
      missing: plan.missing,
    });
  }
  const dossier = await services.ds.prefill(procedure.demarcheNumber, plan.values);
  const application = await dataSource.transaction(async (manager) => {
    const saved = await manager.getRepository(FundingApplication).save(
      manager.getRepository(FundingApplication).create({
        projectId,
        procedure: procedure.key,
        demarcheNumber: procedure.demarcheNumber,
        dossierNumber: dossier.dossier_number,
        dossierId: dossier.dossier_id,
        dossierUrl: dossier.dossier_url,
        prefillToken: dossier.dossier_prefill_token,
        status: statusOf(dossier.state),
        amountRequested: null,
        amountGranted: null,
        submittedAt: null,
        processedAt: null,
        preparedBy: viewer.personId,
      }),
    );
    await enqueueActivity(manager, activityOf(saved, procedure, null));
    return saved;
  });
  void services.outbox.kick();
  return Object.assign(new FundingApplicationPrepared(), { application, url: application.dossierUrl });
}

const STATUSES: ReadonlySet<string> = new Set(Object.values(FundingApplicationStatus));
const isStatus = (value: string): value is FundingApplicationStatus => STATUSES.has(value);

/** DS's state names (prefill API and API v2) to the hub's status. */
export function statusOf(state: DsPrefilledDossier["state"]): FundingApplicationStatus {
  const status = state.toUpperCase();
  return isStatus(status) ? status : FundingApplicationStatus.PREFILLED;
}

export interface ApplicationChange {
  status: FundingApplicationStatus;
  submittedAt?: Date | null;
  processedAt?: Date | null;
  amountRequested?: number | null;
  amountGranted?: number | null;
}

/**
 * Applies what DS says of a dossier. Only a real change is written; a change of status also
 * puts an activity in the outbox, in the same transaction. The update is conditional on the
 * status read, so two concurrent syncs record one activity.
 */
export async function applyChange(manager: EntityManager, application: FundingApplication, procedure: Procedure | undefined, change: ApplicationChange): Promise<boolean> {
  const next = {
    status: change.status,
    submittedAt: change.submittedAt !== undefined ? change.submittedAt : application.submittedAt,
    processedAt: change.processedAt !== undefined ? change.processedAt : application.processedAt,
    amountRequested: change.amountRequested !== undefined ? change.amountRequested : application.amountRequested,
    amountGranted: change.amountGranted !== undefined ? change.amountGranted : application.amountGranted,
  };
  const same =
    next.status === application.status &&
    next.amountRequested === application.amountRequested &&
    next.amountGranted === application.amountGranted &&
    next.submittedAt?.getTime() === application.submittedAt?.getTime() &&
    next.processedAt?.getTime() === application.processedAt?.getTime();
  if (same) return false;
  const result = await manager.query<[unknown[], number] | unknown[]>(
    `UPDATE funding_application SET status = $3, submitted_at = $4, processed_at = $5, amount_requested = $6, amount_granted = $7, updated_at = now()
     WHERE id = $1 AND status = $2 RETURNING id`,
    [application.id, application.status, next.status, next.submittedAt, next.processedAt, next.amountRequested, next.amountGranted],
  );
  const rows = Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
  if (rows.length === 0) return false;
  if (next.status !== application.status)
    await enqueueActivity(
      manager,
      activityOf(
        { id: application.id, projectId: application.projectId, procedure: application.procedure, dossierNumber: application.dossierNumber, dossierUrl: application.dossierUrl, ...next },
        procedure,
        application.status,
      ),
    );
  return true;
}

const VERBS: Record<FundingApplicationStatus, string> = {
  PREFILLED: "pré-rempli sur Démarches Simplifiées",
  BROUILLON: "ouvert par la collectivité (brouillon)",
  EN_CONSTRUCTION: "déposé",
  EN_INSTRUCTION: "en instruction",
  ACCEPTE: "accepté",
  REFUSE: "refusé",
  SANS_SUITE: "classé sans suite",
};

function activityOf(
  application: Pick<FundingApplication, "id" | "projectId" | "procedure" | "dossierNumber" | "dossierUrl" | "status" | "amountRequested" | "amountGranted">,
  procedure: Procedure | undefined,
  from: FundingApplicationStatus | null,
) {
  const granted = application.status === FundingApplicationStatus.ACCEPTE && application.amountGranted !== null ? ` (montant accordé : ${application.amountGranted.toLocaleString("fr-FR")} €)` : "";
  return {
    projectId: application.projectId,
    summary: `Dossier ${procedure?.name ?? application.procedure} n° ${application.dossierNumber} ${VERBS[application.status]}${granted}`,
    payload: {
      applicationId: application.id,
      procedure: application.procedure,
      dossierNumber: application.dossierNumber,
      dossierUrl: application.dossierUrl,
      from,
      status: application.status,
      amountRequested: application.amountRequested,
      amountGranted: application.amountGranted,
    },
  };
}
