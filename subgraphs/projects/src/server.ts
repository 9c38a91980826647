import { createSubgraph, type ServiceApp } from "@hub/kit";
import type { ProjectsConfig } from "./config";
import type { Context } from "./context";
import { ProjectAction } from "./entities/action.entity";
import { Activity } from "./entities/activity.entity";
import { Document } from "./entities/document.entity";
import { Comment } from "./entities/comment.entity";
import { ProjectActor, ProjectAssignee } from "./entities/participants.entity";
import { Project } from "./entities/project.entity";
import { ProjectRead } from "./entities/project-read.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { LifecycleAndFiche1764349200000 } from "./migrations/1764349200000-lifecycle-and-fiche";
import { ActionsAndDocuments1764356400000 } from "./migrations/1764356400000-actions-and-documents";
import { SeveralCommunes1764374400000 } from "./migrations/1764374400000-several-communes";
import { ExternalId1767650000000 } from "./migrations/1767650000000-external-id";
import { ReadMarks1767600000000 } from "./migrations/1767600000000-read-marks";
import { ListOrders1768200000000 } from "./migrations/1768200000000-list-orders";
import { documentRoutes } from "./routes/document.route";
import { importRoutes } from "./routes/import.route";
import { DiskStorage } from "./lib/document-storage";
import { S3Storage } from "./clients/s3-storage.client";
import { buildProjectsSchema } from "./schema";
import { seedDemoProjects } from "./demo/demo-projects";
import { JournalFeed } from "./services/journal-feed.service";

export const ENTITIES = [Project, Activity, Comment, ProjectAssignee, ProjectActor, ProjectAction, Document, ProjectRead];
export const MIGRATIONS = [
  Initial1764331200000,
  LifecycleAndFiche1764349200000,
  ActionsAndDocuments1764356400000,
  SeveralCommunes1764374400000,
  ReadMarks1767600000000,
  ExternalId1767650000000,
  ListOrders1768200000000,
];

/** Opens the database (migrations), adds demo projects in development mode, builds the app. */
export function createProjectsServer(config: ProjectsConfig, quiet = false): Promise<ServiceApp> {
  let feed: JournalFeed | null = null;
  return createSubgraph<Context>(
    config,
    {
      name: "projects",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildProjectsSchema().schema,
      prepare: async ({ dataSource }, logger) => {
        if (config.mode === "development") {
          const created = await seedDemoProjects(dataSource);
          if (created > 0) logger.info(`${created} demo projects created`);
        }
        feed = new JournalFeed(config.databaseUrl, logger);
        await feed.start();
      },
      createContext: ({ dataSource }, viewer) => {
        if (!feed) throw new Error("projects: a request before prepare() started the journal feed");
        return { viewer, dataSource, loaders: createLoaders(dataSource, viewer), feed };
      },
      subscriptions: true,
      // What this subgraph reads depends on organisation, roles and territories, never on the
      // person (personId only stamps what a mutation writes): agents of one DDT watching a
      // département share each live event's execution.
      readProfile: (viewer) => ({ ...viewer, personId: null }),
      routes: (app, { dataSource }) => {
        documentRoutes(app, {
          dataSource,
          storage: config.s3 ? new S3Storage(config.s3) : new DiskStorage(config.documentsDir),
          secret: config.internalTokenSecret,
          maxBytes: config.documentMaxBytes,
        });
        importRoutes(app, { dataSource, secret: config.internalTokenSecret, maxBytes: config.importMaxBytes });
      },
      onClose: async () => feed?.stop(),
    },
    quiet,
  );
}
