import type { PersonRole } from "@hub/kit";
import type { DataSource } from "typeorm";

/** The demo accounts of development mode (listed in the README). `.demo` is not a real domain. */
export const DEMO_ACCOUNTS: { email: string; givenName: string; usualName: string; organizationId: string; role: PersonRole; label: string; themes?: string[] }[] = [
  {
    email: "camille.martin@clermont-ferrand.demo",
    givenName: "Camille",
    usualName: "Martin",
    organizationId: "COLLECTIVITE:216301135",
    role: "COLLECTIVITE_AGENT",
    label: "Agente de la commune de Clermont-Ferrand",
  },
  {
    email: "julien.bernard@ddt63.demo",
    givenName: "Julien",
    usualName: "Bernard",
    organizationId: "DDT:63",
    role: "STATE_AGENT",
    label: "Agent de la DDT du Puy-de-Dôme",
    themes: ["eau", "nature-environnement-risques"],
  },
  {
    email: "amelie.garnier@ddt63.demo",
    givenName: "Amélie",
    usualName: "Garnier",
    organizationId: "DDT:63",
    role: "STATE_AGENT",
    label: "Agente de la DDT du Puy-de-Dôme (énergie, urbanisme)",
    themes: ["energies-dechets", "urbanisme-logement-amenagement"],
  },
  { email: "sophie.durand@pref63.demo", givenName: "Sophie", usualName: "Durand", organizationId: "PREFECTURE:63", role: "STATE_AGENT", label: "Agente de la préfecture du Puy-de-Dôme" },
  { email: "nadia.petit@anct.demo", givenName: "Nadia", usualName: "Petit", organizationId: "ANCT:NATIONAL", role: "ANCT_NATIONAL", label: "Agente nationale de l'ANCT" },
  { email: "lea.roux@cerema.demo", givenName: "Léa", usualName: "Roux", organizationId: "OPERATOR:CEREMA", role: "EXPERT", label: "Experte du Cerema" },
  { email: "louis.moreau@anct.demo", givenName: "Louis", usualName: "Moreau", organizationId: "ANCT:NATIONAL", role: "ANALYST", label: "Analyste national (sans données personnelles)" },
];

/** Creates the demo accounts (active), their memberships and the themes they follow, where missing. */
export async function seedDemoAccounts(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const created: unknown[] = await manager.query(
      `INSERT INTO person (email, given_name, usual_name, themes)
       SELECT email, "givenName", "usualName", ARRAY(SELECT jsonb_array_elements_text(COALESCE(themes, '[]')))
         FROM jsonb_to_recordset($1::jsonb) AS r(email text, "givenName" text, "usualName" text, themes jsonb)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [JSON.stringify(DEMO_ACCOUNTS)],
    );
    // Demo accounts made before people followed themes get theirs once.
    await manager.query(
      `UPDATE person p SET themes = ARRAY(SELECT jsonb_array_elements_text(r.themes))
         FROM jsonb_to_recordset($1::jsonb) AS r(email text, themes jsonb)
        WHERE p.email = r.email AND r.themes IS NOT NULL AND p.themes = '{}'`,
      [JSON.stringify(DEMO_ACCOUNTS)],
    );
    await manager.query(
      `INSERT INTO membership (person_id, organization_id, role)
       SELECT p.id, r."organizationId", r.role FROM jsonb_to_recordset($1::jsonb) AS r(email text, "organizationId" text, role text)
         JOIN person p ON p.email = r.email
       ON CONFLICT (person_id, organization_id) DO NOTHING`,
      [JSON.stringify(DEMO_ACCOUNTS)],
    );
    return created.length;
  });
}
