import "reflect-metadata";
import { buildFundingSchema } from "@hub/funding";
import { buildPeopleTerritoriesSchema } from "@hub/people-territories";
import { buildProjectsSchema } from "@hub/projects";
import { buildReportingSchema } from "@hub/reporting";

/** The four subgraphs: name (as in the supergraph), default URL, and their SDL builder. */
export const SUBGRAPHS = [
  { name: "projects", url: "http://localhost:4001/graphql", sdl: () => buildProjectsSchema().sdl },
  { name: "people-territories", url: "http://localhost:4002/graphql", sdl: () => buildPeopleTerritoriesSchema().sdl },
  { name: "funding", url: "http://localhost:4003/graphql", sdl: () => buildFundingSchema().sdl },
  { name: "reporting", url: "http://localhost:4004/graphql", sdl: () => buildReportingSchema().sdl },
] as const;
