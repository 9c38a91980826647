import { createSubgraph, type ServiceApp } from "@hub/kit";
import type { PeopleTerritoriesConfig } from "./config";
import type { Context } from "./context";
import { ApiKey } from "./entities/api-key.entity";
import { Invitation } from "./entities/invitation.entity";
import { Membership } from "./entities/membership.entity";
import { JournalOffset, Notification } from "./entities/notification.entity";
import { Organization } from "./entities/organization.entity";
import { Person } from "./entities/person.entity";
import { Territory, TerritoryLink } from "./entities/territory.entity";
import { createLoaders } from "./loaders";
import { Initial1764331200000 } from "./migrations/1764331200000-initial";
import { CompleteMapAndPeople1764345600000 } from "./migrations/1764345600000-complete-map-and-people";
import { SearchIndexes1764352800000 } from "./migrations/1764352800000-search-indexes";
import { PersonRolesAndInvitations1764403200000 } from "./migrations/1764403200000-person-roles-and-invitations";
import { Notifications1767600000000 } from "./migrations/1767600000000-notifications";
import { PersonThemes1768100000000 } from "./migrations/1768100000000-person-themes";
import { ApiKeyLimits1768210000000 } from "./migrations/1768210000000-api-key-limits";
import { ApiKeyBudgets1768300000000 } from "./migrations/1768300000000-api-key-budgets";
import { ApiKeyCostPerMinute1768730000000 } from "./migrations/1768730000000-api-key-cost-per-minute";
import { buildPeopleTerritoriesSchema } from "./schema";
import { ensureMap } from "./services/cog-import.service";
import { seedDemoAccounts } from "./demo/demo-accounts";
import { Notifier } from "./services/notifier.service";
import { PersonFeed } from "./services/person-feed.service";

export const ENTITIES = [Territory, TerritoryLink, Organization, Person, Membership, ApiKey, Invitation, Notification, JournalOffset];
export const MIGRATIONS = [
  Initial1764331200000,
  CompleteMapAndPeople1764345600000,
  SearchIndexes1764352800000,
  PersonRolesAndInvitations1764403200000,
  Notifications1767600000000,
  PersonThemes1768100000000,
  ApiKeyLimits1768210000000,
  ApiKeyBudgets1768300000000,
  ApiKeyCostPerMinute1768730000000,
];

/**
 * Opens the database (migrations), imports the map when the reference data changed, creates
 * the demo accounts outside production, starts the live feed of changed people (personChanged)
 * and the notifications' background work, and builds the app. Does not listen.
 */
export function createPeopleTerritoriesServer(config: PeopleTerritoriesConfig, quiet = false): Promise<ServiceApp> {
  let notifier: Notifier | null = null;
  let personFeed: PersonFeed | null = null;
  return createSubgraph<Context>(
    config,
    {
      name: "people-territories",
      entities: ENTITIES,
      migrations: MIGRATIONS,
      schema: buildPeopleTerritoriesSchema().schema,
      prepare: async ({ dataSource }, logger) => {
        logger.info(await ensureMap(dataSource));
        if (config.mode !== "production") {
          const created = await seedDemoAccounts(dataSource);
          if (created > 0) logger.info(`${created} demo accounts created`);
        }
        personFeed = new PersonFeed(dataSource, config.databaseUrl, logger);
        await personFeed.start();
        if (config.notifyPollMs > 0) {
          notifier = new Notifier(dataSource, config, logger);
          notifier.start();
        }
      },
      createContext: ({ dataSource }, viewer) => {
        if (!personFeed) throw new Error("people-territories: a request before prepare() started the person feed");
        return { viewer, dataSource, loaders: createLoaders(dataSource), personFeed };
      },
      // personChanged, over graphql-ws. No readProfile: a person's own fields (invitations,
      // notificationFrequency) depend on who reads, so only the same viewer shares an execution.
      subscriptions: true,
      onClose: async () => {
        await notifier?.stop();
        await personFeed?.stop();
      },
    },
    quiet,
  );
}
