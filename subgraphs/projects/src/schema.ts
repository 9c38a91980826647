import { authorize, buildFederatedSchema } from "@hub/kit";
import type { Context } from "./context";
import { ActivityResolver } from "./resolvers/activity.resolver";
import { ProjectResolver } from "./resolvers/project.resolver";

/** The projects subgraph schema (no I/O). */
export function buildProjectsSchema() {
  return buildFederatedSchema<Context>({
    resolvers: [ProjectResolver, ActivityResolver],
    references: {
      Project: (ref, { loaders, viewer }) => {
        authorize(viewer, "project:read");
        return loaders.project.load(String(ref.id));
      },
    },
  });
}
