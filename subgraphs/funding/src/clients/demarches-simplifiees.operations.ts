/**
 * Every GraphQL operation the hub sends to the Démarches Simplifiées API v2. A test validates
 * each against DS's real schema (`data/demarches-simplifiees.schema.graphql`); the stand-in
 * executes them against it. Champ value aliases follow DS's own reference fragments.
 */

/** One page of a démarche's dossiers changed since a date, with the champs and annotations that carry amounts. */
export const DOSSIERS_SINCE_QUERY = /* GraphQL */ `
  query hubDossiersSince($demarcheNumber: Int!, $updatedSince: ISO8601DateTime, $after: String, $first: Int) {
    demarche(number: $demarcheNumber) {
      number
      dossiers(updatedSince: $updatedSince, after: $after, first: $first) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          state
          dateDepot
          dateTraitement
          dateDerniereModification
          champs {
            ...HubAmountChamp
          }
          annotations {
            ...HubAmountChamp
          }
        }
      }
    }
  }

  fragment HubAmountChamp on Champ {
    __typename
    champDescriptorId
    stringValue
    ... on DecimalNumberChamp {
      decimalNumber: value
    }
    ... on IntegerNumberChamp {
      integerNumber: value
    }
  }
`;

/** The operations, by name, for the schema test. */
export const DS_OPERATIONS: Record<string, string> = { hubDossiersSince: DOSSIERS_SINCE_QUERY };

export interface DsAmountChamp {
  __typename: string;
  champDescriptorId: string;
  stringValue: string | null;
  decimalNumber?: number | null;
  /** BigInt, serialised as a string by DS. */
  integerNumber?: string | number | null;
}

export interface DsDossier {
  number: number;
  state: "en_construction" | "en_instruction" | "accepte" | "refuse" | "sans_suite";
  dateDepot: string;
  dateTraitement: string | null;
  dateDerniereModification: string;
  champs: DsAmountChamp[];
  annotations: DsAmountChamp[];
}

export interface DsDossiersPage {
  demarche: {
    number: number;
    dossiers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (DsDossier | null)[] | null };
  };
}

/** The amount a champ or annotation holds, in euros, or null. */
export function amountOf(champs: DsAmountChamp[], descriptorId: string | null): number | null {
  if (!descriptorId) return null;
  const wanted = descriptorId.replace(/=+$/, "");
  const champ = champs.find((c) => c.champDescriptorId.replace(/=+$/, "") === wanted);
  if (!champ) return null;
  const raw = champ.decimalNumber ?? champ.integerNumber ?? champ.stringValue;
  const value = typeof raw === "number" ? raw : raw == null ? NaN : Number(raw.replace(/\s/g, "").replace(",", "."));
  return Number.isFinite(value) ? value : null;
}
