import { Field, ObjectType } from "type-graphql";
import { Transition } from "../rules/lifecycle";

@ObjectType({ description: "What the viewer may do on a project now (the same rules the mutations check)." })
export class ProjectRights {
  @Field(() => [Transition], { description: "Lifecycle steps the viewer may take from the current status." })
  transitions!: Transition[];

  @Field({ description: "Whether the viewer may edit the fiche and the état des lieux (its collectivité or the State of its départements; not once completed or abandoned)." })
  edit!: boolean;

  @Field({
    description:
      "Whether the viewer may recommend to it, and confirm or discard the library's suggestions (the State of its départements, ANCT, experts associated with it; not once completed or abandoned).",
  })
  recommend!: boolean;

  @Field({ description: "Whether the viewer may write in the conversation." })
  comment!: boolean;

  @Field({ description: "Whether the viewer may write and read internal notes (State agents)." })
  internalNotes!: boolean;
}
