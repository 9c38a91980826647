import type { SubgraphContext } from "@hub/kit";
import type { Loaders } from "./loaders";

export type Context = SubgraphContext<Loaders>;
