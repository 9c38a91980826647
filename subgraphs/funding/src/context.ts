import type { SubgraphContext } from "@hub/kit";
import type { ApplicationContext } from "./loaders/funding-application.loader";
import type { Loaders } from "./loaders";
import type { AidesTerritoiresClient } from "./services/aides-territoires.client";

export type Context = SubgraphContext<Loaders> & { aidesTerritoires: AidesTerritoiresClient; applications: ApplicationContext };
