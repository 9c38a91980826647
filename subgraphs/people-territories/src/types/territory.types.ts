import { connectionType } from "@hub/kit";
import { Territory } from "../entities/territory.entity";

export const TerritoryConnection = connectionType("Territory", Territory);
