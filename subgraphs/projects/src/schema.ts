import { authorize, buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { visibleProject } from "./services/project-access";
import { ActivityResolver } from "./resolvers/activity.resolver";
import { OrganizationProjectsResolver, PersonProjectsResolver, TerritoryProjectsResolver } from "./resolvers/extensions.resolver";
import { ActivitySubscriptionResolver } from "./resolvers/subscription.resolver";
import { AssigneeResolver, CommentResolver, DocumentResolver, ProjectResolver } from "./resolvers/project.resolver";

/** The projects subgraph schema (no I/O). */
export function buildProjectsSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [
      ProjectResolver,
      ActivityResolver,
      CommentResolver,
      AssigneeResolver,
      DocumentResolver,
      ActivitySubscriptionResolver,
      TerritoryProjectsResolver,
      OrganizationProjectsResolver,
      PersonProjectsResolver,
    ],
    references: {
      // Known by id only: the fields this subgraph adds need nothing else.
      Territory: (ref) => ({ id: String(ref.id) }),
      Organization: (ref) => ({ id: String(ref.id) }),
      Person: (ref) => ({ id: String(ref.id) }),
      // A project the viewer may not see resolves to null, like one that does not exist.
      Project: (ref, { loaders, viewer }) => {
        authorize(viewer, "project:read");
        return visibleProject(loaders, viewer, String(ref.id));
      },
    },
  });
}
