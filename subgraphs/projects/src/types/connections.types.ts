import { connectionType } from "@hub/kit";
import { Activity } from "../entities/activity.entity";
import { Comment } from "../entities/comment.entity";
import { Project } from "../entities/project.entity";

export const ProjectConnection = connectionType("Project", Project);
export const ActivityConnection = connectionType("Activity", Activity);
export const CommentConnection = connectionType("Comment", Comment);
