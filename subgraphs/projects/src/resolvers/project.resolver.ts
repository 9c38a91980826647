import { authorize, badInput, can, canSeeInternalNotes, notFound, PageArgs, selectedFields, type Connection } from "@hub/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Activity } from "../entities/activity.entity";
import { ActionStatus, ProjectAction } from "../entities/action.entity";
import { Comment } from "../entities/comment.entity";
import { Document } from "../entities/document.entity";
import { ProjectAssignee } from "../entities/participants.entity";
import { Diagnostic, Project } from "../entities/project.entity";
import { OrganizationRef, TerritoryRef } from "../types/refs.types";
import { projectJournal } from "../services/activity-query.service";
import { addAction, setActionStatus } from "../services/action.service";
import { projectComments } from "../services/comment.service";
import { deleteDocument } from "../services/document.service";
import { canDeleteDocumentNow } from "../rules/document-rights";
import { ProjectRights } from "../types/project-rights.types";
import { actorsOf, availableTransitions, FINAL_STATUSES } from "../rules/lifecycle";
import { isRecommender } from "../rules/recommendation";
import { departementsOf, factsOf } from "../rules/visibility";
import { visibleProject } from "../services/project-access.service";
import { createProject, updateDiagnostic, updateProject } from "../services/project.service";
import { inbox, listProjects } from "../services/project-query.service";
import { addComment, applyTransition, associateOrganization, blockProject, unblockProject } from "../services/project-workflow.service";
import { ActivityConnection, CommentConnection, ProjectConnection } from "../types/connections.types";
import { CreateProjectInput, DiagnosticInput, ProjectFieldsInput, ProjectFilter, ProjectOrderInput, TransitionInput } from "../types/project-inputs.types";

/** Where a connection's nodes are selected. */
const NODE = ["edges", "node"];

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: "One project by id (NOT_FOUND when it does not exist or is not yours to see)." })
  async project(@Arg("id", () => ID) id: string, @Ctx() { loaders, viewer }: Context): Promise<Project> {
    authorize(viewer, "project:read");
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw badInput(`"${id.slice(0, 60)}" is not a project id`, "id");
    const project = await visibleProject(loaders, viewer, id);
    if (!project) throw notFound(`No project ${id}`);
    return project;
  }

  @Query(() => ProjectConnection, {
    description:
      "Projects you may see, newest first unless `orderBy` says otherwise (at most 100 a page, 20 by default). With `updatedSince`, those changed since that instant, in the order of their last change: a programme keeping its own copy in step pages through them, then keeps the last `endCursor` for its next run (see docs/api-contract.md).",
  })
  projects(
    @Args() page: PageArgs,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
    @Arg("orderBy", () => ProjectOrderInput, { nullable: true, description: "Default: CREATED DESC. Cursors are valid for the order they were read in only." }) orderBy?: ProjectOrderInput,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Projects changed since this instant (included), ordered by their last change; not with orderBy." }) updatedSince?: Date,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<Project>> {
    return listProjects(dataSource, viewer, page, filter ?? {}, { orderBy, updatedSince }, info && selectedFields(info, NODE));
  }

  @Query(() => ProjectConnection, { description: "The State's inbox: submitted and qualified projects of your départements, by priority then age." })
  inbox(
    @Args() page: PageArgs,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("filter", () => ProjectFilter, { nullable: true }) filter?: ProjectFilter,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<Project>> {
    return inbox(dataSource, viewer, page, filter ?? {}, info && selectedFields(info, NODE));
  }

  @Mutation(() => Project, { description: "Creates a draft project on a commune of the caller's collectivité." })
  createProject(@Arg("input", () => CreateProjectInput) input: CreateProjectInput, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return createProject(dataSource, viewer, input);
  }

  @Mutation(() => Project, { description: "Edits the fiche; `version` is the one you read (CONFLICT if someone changed it since)." })
  updateProject(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => ProjectFieldsInput) input: ProjectFieldsInput,
    @Ctx() { dataSource, viewer }: Context,
  ): Promise<Project> {
    return updateProject(dataSource, viewer, id, version, input);
  }

  @Mutation(() => Project, { description: "Replaces the état des lieux; `version` as for updateProject." })
  updateDiagnostic(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => DiagnosticInput) input: DiagnosticInput,
    @Ctx() { dataSource, viewer }: Context,
  ): Promise<Project> {
    return updateDiagnostic(dataSource, viewer, id, version, input);
  }

  @Mutation(() => Project, { description: "A lifecycle step: submit, send back, qualify, assign, start, complete, decline, abandon." })
  changeProjectStatus(@Arg("input", () => TransitionInput) input: TransitionInput, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return applyTransition(dataSource, viewer, input);
  }

  @Mutation(() => Project, { description: "Flags the project as blocked, with the reason." })
  blockProject(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return blockProject(dataSource, viewer, id, reason);
  }

  @Mutation(() => Project)
  unblockProject(@Arg("id", () => ID) id: string, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return unblockProject(dataSource, viewer, id);
  }

  @Mutation(() => Project, { description: "Associates an organisation (expert, operator) with the project." })
  associateOrganization(@Arg("projectId", () => ID) projectId: string, @Arg("organizationId", () => ID) organizationId: string, @Ctx() { dataSource, viewer }: Context): Promise<Project> {
    return associateOrganization(dataSource, viewer, projectId, organizationId);
  }

  @Mutation(() => Comment, { description: "A message in the project's conversation; `internal` notes are for State agents only." })
  addComment(
    @Arg("projectId", () => ID) projectId: string,
    @Arg("body") body: string,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("internal", () => Boolean, { nullable: true }) internal?: boolean,
  ): Promise<Comment> {
    return addComment(dataSource, viewer, { projectId, body, internal });
  }

  @FieldResolver(() => TerritoryRef, {
    nullable: true,
    description: "The main territory concerned, where the project is carried: a commune or an EPCI. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  territory(@Root() project: Project): TerritoryRef {
    return { id: project.territoryId };
  }

  @FieldResolver(() => [TerritoryRef], {
    nullable: true,
    description: "Every territory concerned: the main one first, then the other communes. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  territories(@Root() project: Project): TerritoryRef[] {
    return [project.territoryId, ...project.otherCommuneIds].map((id) => ({ id }));
  }

  @FieldResolver(() => ProjectRights, { description: "What you may do on this project now: a screen shows only the actions that will be accepted." })
  async viewerCan(@Root() project: Project, @Ctx() { viewer, loaders }: Context): Promise<ProjectRights> {
    const place = { ownerId: project.ownerId, departements: departementsOf(project), status: project.status };
    const actors = (await loaders.actors.load(project.id)).map((a) => a.organizationId);
    return {
      recommend: can(viewer, "recommendation:write") && isRecommender(viewer, factsOf(project, actors)) && !FINAL_STATUSES.includes(project.status),
      transitions: availableTransitions(viewer, place),
      edit: can(viewer, "project:write") && actorsOf(viewer, place).length > 0 && !FINAL_STATUSES.includes(project.status),
      comment: can(viewer, "project:comment"),
      internalNotes: can(viewer, "project:comment") && canSeeInternalNotes(viewer),
    };
  }

  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: "The collectivité carrying the project. Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  owner(@Root() project: Project): OrganizationRef {
    return { id: project.ownerId };
  }

  @FieldResolver(() => Diagnostic, { description: "The état des lieux." })
  diagnostic(@Root() project: Project): Diagnostic {
    const data = project.diagnosticData;
    return {
      needs: data.needs ?? null,
      blockers: data.blockers ?? null,
      partners: data.partners ?? [],
      financingPlan: data.financingPlan ?? [],
      calendar: data.calendar ?? null,
      maturity: data.maturity ?? null,
    };
  }

  @Mutation(() => ProjectAction, { description: "Proposes an action or recommendation." })
  addAction(
    @Arg("projectId", () => ID) projectId: string,
    @Arg("title") title: string,
    @Ctx() { dataSource, viewer }: Context,
    @Arg("description", () => String, { nullable: true }) description?: string,
  ): Promise<ProjectAction> {
    return addAction(dataSource, viewer, { projectId, title, description });
  }

  @Mutation(() => ProjectAction, { description: "Moves an action to another status." })
  setActionStatus(@Arg("id", () => ID) id: string, @Arg("status", () => ActionStatus) status: ActionStatus, @Ctx() { dataSource, viewer }: Context): Promise<ProjectAction> {
    return setActionStatus(dataSource, viewer, id, status);
  }

  @FieldResolver(() => [ProjectAction], { description: "Actions and recommendations, oldest first." })
  actions(@Root() project: Project, @Ctx() { loaders }: Context): Promise<ProjectAction[]> {
    return loaders.actions.load(project.id);
  }

  @FieldResolver(() => [Document], { description: "Attached files (upload: POST /projects/{id}/documents on the gateway)." })
  documents(@Root() project: Project, @Ctx() { loaders }: Context): Promise<Document[]> {
    return loaders.documents.load(project.id);
  }

  @Mutation(() => Project, {
    description:
      "Deletes a document and its stored file (its uploader, or the collectivité carrying the project; not once the project is completed or abandoned). Answers the project; the journal records DOCUMENT_DELETED.",
  })
  deleteDocument(@Arg("id", () => ID) id: string, @Ctx() { dataSource, storage, viewer }: Context): Promise<Project> {
    return deleteDocument(dataSource, storage, viewer, id);
  }

  @FieldResolver(() => [ProjectAssignee], { description: "The agents it is assigned to." })
  assignees(@Root() project: Project, @Ctx() { loaders }: Context): Promise<ProjectAssignee[]> {
    return loaders.assignees.load(project.id);
  }

  @FieldResolver(() => [OrganizationRef], {
    nullable: true,
    description: "Organisations associated with it (experts, operators). Null, with an error naming the people-territories subgraph, when that subgraph cannot answer.",
  })
  async actors(@Root() project: Project, @Ctx() { loaders }: Context): Promise<OrganizationRef[]> {
    return (await loaders.actors.load(project.id)).map((a) => ({ id: a.organizationId }));
  }

  @FieldResolver(() => CommentConnection, { description: "The conversation, oldest first; internal notes only for State agents." })
  comments(@Root() project: Project, @Args() args: PageArgs, @Ctx() { loaders }: Context): Promise<Connection<Comment>> {
    return projectComments(
      (pageKey) => loaders.comments.load(project.id, pageKey),
      () => loaders.commentCounts.load(project.id, ""),
      args,
    );
  }

  @FieldResolver(() => ActivityConnection, { description: "This project's journal, oldest first; `after` is an activity id." })
  activity(@Root() project: Project, @Args() page: PageArgs, @Ctx() { loaders, viewer }: Context): Promise<Connection<Activity>> {
    return projectJournal(
      (pageKey) => loaders.journals.load(project.id, pageKey),
      () => loaders.journalCounts.load(project.id, ""),
      viewer,
      page,
    );
  }
}

@Resolver(() => Document)
export class DocumentResolver {
  @FieldResolver(() => Boolean, { description: "Whether you may delete it now (deleteDocument): its uploader or the collectivité carrying the project, while the project is open." })
  async viewerCanDelete(@Root() document: Document, @Ctx() { loaders, viewer }: Context): Promise<boolean> {
    const project = await loaders.project.load(document.projectId);
    return project !== null && canDeleteDocumentNow(viewer, document, project);
  }

  @FieldResolver(() => String, { description: "Where to download it, on the gateway (the same permission check applies)." })
  url(@Root() document: Document): string {
    return `/documents/${document.id}`;
  }

  // Read by people-territories (@requires) to resolve `uploadedBy`, with its visibility rule; hidden from the API.
  @FieldResolver(() => ID, { nullable: true })
  @Directive("@inaccessible")
  uploadedById(@Root() document: Document): string | null {
    return document.uploadedBy;
  }
}
