import { authorize, isUuid, notFound } from "@hub/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { FundingApplication } from "../entities/funding-application.entity";
import { FundedProject } from "../types/project.types";
import { prepareApplication } from "../services/funding-application.service";
import { DsSync } from "../services/ds-sync.service";
import { FundingProcedure, PrepareFundingApplicationResult } from "../types/funding-procedure.types";

@Resolver(() => FundingApplication)
export class FundingApplicationResolver {
  @Query(() => [FundingProcedure], {
    nullable: true,
    description:
      "The Démarches Simplifiées démarches the hub can pre-fill (Fonds vert, DETR, DSIL, FNADT...). Asked beside a project (its Financements tab): null, with an error naming the funding subgraph, when that subgraph cannot answer, so that the project still answers.",
  })
  fundingProcedures(@Ctx() { viewer, applications }: Context): FundingProcedure[] {
    authorize(viewer, "funding:read");
    return applications.services.procedures.map((p) => ({
      key: p.key,
      name: p.name,
      description: p.description,
      demarcheNumber: p.demarcheNumber,
      champs: p.champs.map((c) => ({ label: c.label, type: c.type, source: c.source ?? null, required: c.required })),
      apiSync: Boolean(applications.services.apiTokens[p.key]),
    }));
  }

  @Mutation(() => PrepareFundingApplicationResult, {
    description:
      "Pre-fills a dossier of the démarche on Démarches Simplifiées with the project's data and returns its URL, where the collectivité completes and submits it; or, nothing sent, what the project lacks.",
  })
  prepareFundingApplication(
    @Arg("projectId", () => ID) projectId: string,
    @Arg("procedure", { description: "A fundingProcedures key, e.g. FONDS_VERT." }) procedure: string,
    @Ctx() { viewer, dataSource, applications }: Context,
  ): Promise<typeof PrepareFundingApplicationResult> {
    return prepareApplication(dataSource, applications.services, viewer, projectId, procedure);
  }

  @Mutation(() => [FundingApplication], { description: "Asks Démarches Simplifiées now for the state of the project's dossiers (they are also followed periodically)." })
  async refreshFundingApplications(@Arg("projectId", () => ID) projectId: string, @Ctx() { viewer, dataSource, applications }: Context): Promise<FundingApplication[]> {
    authorize(viewer, "funding:read");
    if (!isUuid(projectId) || !(await applications.services.projects.rights(viewer, projectId))) throw notFound(`Projet introuvable : ${projectId.slice(0, 60)}`);
    const { logger } = applications.services;
    const report = await new DsSync(dataSource, applications.services, logger).syncAll(projectId);
    if (report.failed.length > 0) logger.warn(`refresh of project ${projectId}: ${report.failed.join(", ")} not reachable`);
    applications.byProject.clear(projectId);
    return applications.byProject.load(projectId);
  }
}

@Resolver(() => FundedProject)
export class ProjectFundingApplicationsResolver {
  @FieldResolver(() => [FundingApplication], {
    nullable: true,
    description:
      "Grant applications prepared on Démarches Simplifiées for the project, oldest first, with their state. Null, with an error naming the funding subgraph, when that subgraph cannot answer.",
  })
  fundingApplications(@Root() project: FundedProject, @Ctx() { viewer, applications }: Context): Promise<FundingApplication[]> {
    authorize(viewer, "funding:read");
    return applications.byProject.load(project.id);
  }
}
