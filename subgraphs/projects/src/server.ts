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
import { Recommendation, RecommendationFollowUp, RecommendationRead } from "./entities/recommendation.entity";
import { ReminderSetting } from "./entities/reminder-setting.entity";
import { Questionnaire, QuestionnaireResponse, QuestionnaireVersion } from "./entities/questionnaire.entity";
import { Questionnaires1768710000000 } from "./migrations/1768710000000-questionnaires";
import { RecommendationEdit1768760000000 } from "./migrations/1768760000000-recommendation-edit";
import { Recommendations1768500000000 } from "./migrations/1768500000000-recommendations";
import { RemindersAndInactivity1768500100000 } from "./migrations/1768500100000-reminders-and-inactivity";
import { scanReminders } from "./services/reminder.service";
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
import { seedDemoQuestionnaires } from "./demo/demo-questionnaires";
import { JournalFeed } from "./services/journal-feed.service";

export const ENTITIES = [
  Project,
  Activity,
  Comment,
  ProjectAssignee,
  ProjectActor,
  ProjectAction,
  Document,
  ProjectRead,
  Recommendation,
  RecommendationFollowUp,
  RecommendationRead,
  ReminderSetting,
  Questionnaire,
  QuestionnaireVersion,
  QuestionnaireResponse,
];
export const MIGRATIONS = [
  Initial1764331200000,
  LifecycleAndFiche1764349200000,
  ActionsAndDocuments1764356400000,
  SeveralCommunes1764374400000,
  ReadMarks1767600000000,
  ExternalId1767650000000,
  ListOrders1768200000000,
  Recommendations1768500000000,
  RemindersAndInactivity1768500100000,
  Questionnaires1768710000000,
  RecommendationEdit1768760000000,
];

/** Opens the database (migrations), adds demo projects in development mode, builds the app. */
export function createProjectsServer(config: ProjectsConfig, quiet = false): Promise<ServiceApp> {
  let feed: JournalFeed | null = null;
  const storage = config.s3 ? new S3Storage(config.s3) : new DiskStorage(config.documentsDir);
  let reminderTimer: NodeJS.Timeout | null = null;
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
          const questionnaires = await seedDemoQuestionnaires(dataSource);
          if (questionnaires > 0) logger.info(`${questionnaires} demo questionnaires created`);
        }
        feed = new JournalFeed(config.databaseUrl, logger);
        await feed.start();
        if (config.reminderScanMs > 0) {
          // Every replica scans; the idempotency keys of what it writes make each reminder once.
          const options = { defaultWeeks: config.reminderDefaultWeeks, inactiveAfterDays: config.inactiveAfterDays };
          reminderTimer = setInterval(() => {
            scanReminders(dataSource, options).then(
              ({ reminded, flagged }) => {
                if (reminded + flagged > 0) logger.info(`reminders: ${reminded} projects reminded, ${flagged} flagged inactive`);
              },
              (error: unknown) => logger.error(`reminders: scan failed: ${error instanceof Error ? error.message : String(error)}`),
            );
          }, config.reminderScanMs);
          reminderTimer.unref();
        }
      },
      createContext: ({ dataSource }, viewer) => {
        if (!feed) throw new Error("projects: a request before prepare() started the journal feed");
        return { viewer, dataSource, loaders: createLoaders(dataSource, viewer), feed, storage, reminderDefaultWeeks: config.reminderDefaultWeeks };
      },
      subscriptions: true,
      // What this subgraph reads depends on organisation, roles and territories, never on the
      // person (personId only stamps what a mutation writes): agents of one DDT watching a
      // département share each live event's execution.
      readProfile: (viewer) => ({ ...viewer, personId: null }),
      routes: (app, { dataSource }) => {
        documentRoutes(app, {
          dataSource,
          storage,
          secret: config.internalTokenSecret,
          maxBytes: config.documentMaxBytes,
        });
        importRoutes(app, { dataSource, secret: config.internalTokenSecret, maxBytes: config.importMaxBytes });
      },
      onClose: async () => {
        if (reminderTimer) clearInterval(reminderTimer);
        await feed?.stop();
      },
    },
    quiet,
  );
}
