import { authorize } from "@hub/kit";
import { Arg, Ctx, Directive, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { sessionStatus } from "../services/session.service";
import { SessionInput } from "../types/session.types";

@Resolver()
export class SessionResolver {
  @Query(() => [Boolean], { description: "Internal: whether each session's person is still active in its organisation and role, for the gateway only." })
  @Directive("@inaccessible")
  sessionStatus(@Arg("sessions", () => [SessionInput]) sessions: SessionInput[], @Ctx() { viewer, dataSource }: Context): Promise<boolean[]> {
    authorize(viewer, "identity:resolve");
    return sessionStatus(dataSource, sessions);
  }
}
