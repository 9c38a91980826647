import type { SubgraphContext } from "@hub/kit";
import type { AidesTerritoiresClient } from "./clients/aides-territoires.client";
import type { ApplicationContext } from "./loaders/funding-application.loader";
import type { Loaders } from "./loaders";

export type Context = SubgraphContext<Loaders> & { aidesTerritoires: AidesTerritoiresClient; applications: ApplicationContext };
