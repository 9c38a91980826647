import { callSubgraph, personViewer, SERVICE_VIEWER, type PersonIdentity } from "@hub/kit";
import express from "express";
import { signSession } from "./session";

const IDENTITY_QUERY = `query Identity($email: String!) {
  identity(email: $email) { personId organizationId roles departements communes }
}`;

/**
 * POST /auth/dev/token {"email": "..."} → {"token": "..."} for a demo account. Exists only in
 * development mode: elsewhere it answers 404, as if it were not there.
 */
export function devTokenRouter(options: { enabled: boolean; peopleTerritoriesUrl: string; internalTokenSecret: string; sessionSecret: string }): express.Router {
  const router = express.Router();
  router.post("/auth/dev/token", express.json({ limit: "4kb" }), async (request, response) => {
    if (!options.enabled) return void response.status(404).json({ error: "Not found" });
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== "string" || email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      return void response.status(400).json({ error: "Adresse électronique invalide" });
    }
    try {
      const { identity } = await callSubgraph<{ identity: PersonIdentity | null }>(options.peopleTerritoriesUrl, options.internalTokenSecret, SERVICE_VIEWER, IDENTITY_QUERY, { email });
      if (!identity) return void response.status(401).json({ error: "Aucun compte actif pour cette adresse" });
      response.json({ token: signSession(personViewer(identity), options.sessionSecret) });
    } catch {
      response.status(503).json({ error: "Service des comptes indisponible" });
    }
  });
  return router;
}
