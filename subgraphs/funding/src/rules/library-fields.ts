import { badInput, isUuid } from "@hub/kit";
import { loadThemes } from "@hub/reference";
import { ResourceStatus } from "../entities/library.entity";

/**
 * The fields of sheets and contacts, checked before anything is written (pure). Every problem
 * is a BAD_USER_INPUT naming its field, in French.
 */
export const LIMITS = { title: [3, 200], summary: [1, 600], body: [1, 50_000], name: [2, 200], role: [1, 200], search: 200, contacts: 20 } as const;

export function text(value: string, field: string, [min, max]: readonly [number, number]): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) throw badInput(`${field} : entre ${min} et ${max} caractères`, field);
  return trimmed;
}

export function optionalText(value: string | null | undefined, field: string, limits: readonly [number, number]): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  return text(value, field, limits);
}

export function validateThemes(themes: readonly string[], field = "themes"): string[] {
  const known = new Set(loadThemes().map((t) => t.slug));
  for (const theme of themes) if (!known.has(theme)) throw badInput(`Thème inconnu : « ${theme.slice(0, 60)} »`, field);
  return [...new Set(themes)];
}

export function validateUrl(value: string | null | undefined, field = "url"): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput(`${field} : adresse web invalide`, field);
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || value.length > 2000) throw badInput(`${field} : une adresse http ou https est attendue`, field);
  return url.toString();
}

export function validateIds(ids: readonly string[], field: string, max: number): string[] {
  if (ids.length > max) throw badInput(`${field} : au plus ${max}`, field);
  for (const id of ids) if (!isUuid(id)) throw badInput(`${field} : « ${id.slice(0, 60)} » n'est pas un identifiant`, field);
  return [...new Set(ids)];
}

export function validateExpiry(expiresAt: Date | null, status: ResourceStatus, now: Date, field = "expiresAt"): Date | null {
  if (expiresAt === null) return null;
  if (Number.isNaN(expiresAt.getTime())) throw badInput(`${field} : date invalide`, field);
  if (status === ResourceStatus.PUBLISHED && expiresAt.getTime() <= now.getTime()) throw badInput("Une fiche publiée ne peut pas avoir une date d'expiration passée", field);
  return expiresAt;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
export function validateEmail(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw badInput(`Adresse e-mail invalide : « ${value.slice(0, 60)} »`, "email");
  return email;
}

/** French numbers (10 digits from 0, or +33 and 9 digits), spaces, dots and dashes allowed; stored as written, normalised spaces. */
export function validatePhone(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const digits = value.replace(/[\s.-]/g, "");
  if (!/^(0\d{9}|\+33\d{9})$/.test(digits)) throw badInput(`Numéro de téléphone invalide : « ${value.slice(0, 40)} » (ex. 04 73 00 00 00)`, "phone");
  const national = digits.startsWith("+33") ? `0${digits.slice(3)}` : digits;
  return national.replace(/(\d{2})(?=\d)/g, "$1 ");
}

/** The lifecycle of a sheet: which status may follow which. */
const NEXT: Record<ResourceStatus, readonly ResourceStatus[]> = {
  [ResourceStatus.DRAFT]: [ResourceStatus.PUBLISHED, ResourceStatus.ARCHIVED],
  [ResourceStatus.PUBLISHED]: [ResourceStatus.ARCHIVED, ResourceStatus.DRAFT],
  [ResourceStatus.ARCHIVED]: [ResourceStatus.DRAFT, ResourceStatus.PUBLISHED],
};

export function checkTransition(from: ResourceStatus, to: ResourceStatus): void {
  if (!NEXT[from].includes(to)) throw badInput(`Une fiche ${from} ne peut pas passer à ${to}`, "status");
}

/** Whether a sheet is offered in the library at `now`: published and not expired. */
export function isLive(resource: { status: ResourceStatus; expiresAt: Date | null }, now: Date): boolean {
  return resource.status === ResourceStatus.PUBLISHED && (resource.expiresAt === null || resource.expiresAt.getTime() > now.getTime());
}

/** A search string: trimmed, at most 200 characters; empty means none. */
export function validateSearch(value: string | null | undefined, field = "filter.search"): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length > LIMITS.search) throw badInput(`La recherche compte au plus ${LIMITS.search} caractères`, field);
  return trimmed === "" ? null : trimmed;
}
