import { authorize, buildFederatedSchema, canSeeInternalNotes } from "@hub/kit";
import type { Context } from "./context";
import { PersonRef } from "./types/refs.types";
import { visibleProject } from "./services/project-access.service";
// type-graphql prints operations in the order their modules load: project first, as in the committed SDL.
import { DocumentResolver, ProjectResolver } from "./resolvers/project.resolver";
import { ActivityResolver } from "./resolvers/activity.resolver";
import { OrganizationProjectsResolver, PersonProjectsResolver, TerritoryProjectsResolver } from "./resolvers/extensions.resolver";
import { ActivitySubscriptionResolver } from "./resolvers/subscription.resolver";
import { ImportResolver } from "./resolvers/import.resolver";
import { ReadMarkResolver } from "./resolvers/read-mark.resolver";
import { ProjectBlockResolver, ProjectRecommendationsResolver, RecommendationResolver, visibleRecommendation } from "./resolvers/recommendation.resolver";
import { ReminderResolver } from "./resolvers/reminder.resolver";
import { BoardResolver } from "./resolvers/board.resolver";
import { ProjectMapResolver } from "./resolvers/project-map.resolver";
import { ThemeResolver } from "./resolvers/theme.resolver";
import { ProjectQuestionnaireResolver, QuestionnaireResolver, QuestionnaireResponseResolver } from "./resolvers/questionnaire.resolver";

/** The projects subgraph schema (no I/O). */
export function buildProjectsSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [
      ProjectResolver,
      ActivityResolver,
      DocumentResolver,
      ActivitySubscriptionResolver,
      TerritoryProjectsResolver,
      OrganizationProjectsResolver,
      PersonProjectsResolver,
      ImportResolver,
      ReadMarkResolver,
      RecommendationResolver,
      ProjectRecommendationsResolver,
      ProjectBlockResolver,
      ReminderResolver,
      BoardResolver,
      ProjectMapResolver,
      ThemeResolver,
      QuestionnaireResolver,
      QuestionnaireResponseResolver,
      ProjectQuestionnaireResolver,
    ],
    // Person is only extended here (assignedProjects): listed, or type-graphql would drop it.
    orphanedTypes: [PersonRef],
    references: {
      // Known by id only: the fields this subgraph adds need nothing else.
      Territory: (ref) => ({ id: String(ref.id) }),
      Organization: (ref) => ({ id: String(ref.id) }),
      Person: (ref) => ({ id: String(ref.id) }),
      // What people-territories needs to resolve their people (the ids it @requires): only
      // within a project the viewer sees, internal notes for those who see them.
      Activity: async (ref, { loaders, viewer }) => {
        const activity = await loaders.activity.load(String(ref.id));
        return activity && (await visibleProject(loaders, viewer, activity.projectId)) ? activity : null;
      },
      Comment: async (ref, { loaders, viewer }) => {
        const comment = await loaders.comment.load(String(ref.id));
        if (!comment || (comment.internal && !canSeeInternalNotes(viewer))) return null;
        return (await visibleProject(loaders, viewer, comment.projectId)) ? comment : null;
      },
      Document: async (ref, { loaders, viewer }) => {
        const document = await loaders.document.load(String(ref.id));
        return document && (await visibleProject(loaders, viewer, document.projectId)) ? document : null;
      },
      // Recommendations: drafts for the State side only (people-territories resolves their author).
      Recommendation: (ref, context) => visibleRecommendation(context, String(ref.id)),
      // A project the viewer may not see resolves to null, like one that does not exist.
      Project: (ref, { loaders, viewer }) => {
        authorize(viewer, "project:read");
        return visibleProject(loaders, viewer, String(ref.id));
      },
    },
  });
}
