import { communePlaces, loadCog } from "@hub/reference";
import { randomBytes } from "node:crypto";
import type { ChampType } from "../lib/procedures.config";

/** A démarche the stand-in serves (by default those of data/procedures.json). */
export interface StandInDemarche {
  number: number;
  /** Its path in /commencer/<path>. */
  path: string;
  title: string;
  champs: { id: string; label: string; type: ChampType }[];
  /** Amount champ and annotation ids (where the API v2 shows the amounts). */
  requestedChampId: string | null;
  grantedAnnotationId: string | null;
  /** A closed démarche answers 404 to the prefill API, like a real one. */
  closed?: boolean;
  /** Decimal amounts above this are refused with DS's French validation message. */
  maxAmount?: number;
}

export type DsState = "prefilled" | "brouillon" | "en_construction" | "en_instruction" | "accepte" | "refuse" | "sans_suite";

export interface StandInDossier {
  number: number;
  demarche: number;
  state: DsState;
  prefillToken: string;
  /** Champ id → the value kept (values in a wrong format are dropped, as DS does). */
  champs: Record<string, unknown>;
  amountRequested: number | null;
  amountGranted: number | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  processedAt: Date | null;
}

export const typedId = (type: string, id: number | string) => Buffer.from(`${type}-${id}`).toString("base64");

/** The dossiers of the stand-in, and how tests move them. */
export class DossierStore {
  readonly dossiers = new Map<number, StandInDossier>();
  private nextNumber = 4_200_000;
  private lastUpdate = 0;

  constructor(readonly demarches: StandInDemarche[]) {}

  demarche(number: number): StandInDemarche | undefined {
    return this.demarches.find((d) => d.number === number);
  }

  /** Strictly increasing update times, so that `updatedSince` paging is deterministic. */
  private now(): Date {
    this.lastUpdate = Math.max(Date.now(), this.lastUpdate + 1);
    return new Date(this.lastUpdate);
  }

  create(demarche: StandInDemarche, champs: Record<string, unknown>): StandInDossier {
    const at = this.now();
    const dossier: StandInDossier = {
      number: this.nextNumber++,
      demarche: demarche.number,
      state: "prefilled",
      prefillToken: randomBytes(16).toString("hex"),
      champs,
      amountRequested: null,
      amountGranted: null,
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
      processedAt: null,
    };
    this.dossiers.set(dossier.number, dossier);
    return dossier;
  }

  /**
   * Moves a dossier as its user and instructors would: brouillon (opened and signed in),
   * en_construction (submitted), en_instruction, then accepte / refuse / sans_suite.
   */
  move(number: number, state: DsState, amounts: { requested?: number | null; granted?: number | null } = {}): StandInDossier {
    const dossier = this.dossiers.get(number);
    if (!dossier) throw new Error(`stand-in: no dossier ${number}`);
    const at = this.now();
    dossier.state = state;
    dossier.updatedAt = at;
    if (state === "en_construction" && !dossier.submittedAt) dossier.submittedAt = at;
    if (state === "accepte" || state === "refuse" || state === "sans_suite") dossier.processedAt = at;
    if (amounts.requested !== undefined) dossier.amountRequested = amounts.requested;
    if (amounts.granted !== undefined) dossier.amountGranted = amounts.granted;
    return dossier;
  }
}

/**
 * The value DS keeps for a champ, or undefined when DS would drop it (wrong format). Formats:
 * communes [postcode, INSEE], epci [département, SIREN], ISO dates, numbers as JSON numbers.
 */
export function acceptedValue(type: ChampType, value: unknown): unknown {
  const pair = Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string") ? (value as [string, string]) : null;
  switch (type) {
    case "text":
    case "textarea":
    case "drop_down_list":
      return typeof value === "string" ? value : undefined;
    case "decimal_number":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "integer_number":
      return typeof value === "number" && Number.isInteger(value) ? value : undefined;
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
    case "communes": {
      const commune = pair && loadCog().communes.find((c) => c.code === pair[1] && c.type === "commune-actuelle");
      return commune && commune.codesPostaux?.includes(pair[0]) ? pair : undefined;
    }
    case "epci": {
      const epci = pair && loadCog().epcis.find((e) => e.code === pair[1]);
      return epci && epci.membres.some((m) => communePlaces().get(m.code)?.departement === pair[0]) ? pair : undefined;
    }
    case "departements":
      return typeof value === "string" && loadCog().departements.some((d) => d.code === value) ? value : undefined;
    case "regions":
      return typeof value === "string" && loadCog().regions.some((r) => r.code === value) ? value : undefined;
  }
}
