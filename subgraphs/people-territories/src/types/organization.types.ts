import { connectionType } from "@hub/kit";
import { Organization } from "../entities/organization.entity";

export const OrganizationConnection = connectionType("Organization", Organization);
