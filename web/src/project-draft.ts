import type { ProjectFieldsInput } from './project-edit-mutations';

/** A territory as a form shows it. */
export interface PickedTerritory {
  id: string;
  name: string;
}

/** The fiche's fields as a form holds them (budget as typed, programmes comma-separated). */
export interface ProjectDraft {
  title: string;
  description: string;
  themes: string[];
  phase: string;
  programmes: string;
  budget: string;
  startDate: string;
  endDate: string;
  otherCommunes: PickedTerritory[];
}

export const EMPTY_PROJECT: ProjectDraft = { title: '', description: '', themes: [], phase: 'IDEE', programmes: '', budget: '', startDate: '', endDate: '', otherCommunes: [] };

/** The budget typed in French ("1 200 000", "15000,50"), or null; NaN when it is not a number. */
export function parseBudget(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!compact) return null;
  return /^\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

/** What is wrong with the draft, in French, field by field (empty when it may be sent). */
export function draftErrors(draft: ProjectDraft): Partial<Record<'title' | 'budget' | 'dates', string>> {
  const errors: Partial<Record<'title' | 'budget' | 'dates', string>> = {};
  if (!draft.title.trim()) errors.title = 'Donnez un titre au projet.';
  else if (draft.title.trim().length > 200) errors.title = 'Le titre ne doit pas dépasser 200 caractères.';
  if (Number.isNaN(parseBudget(draft.budget))) errors.budget = 'Indiquez un montant en euros, en chiffres (ex. 150000).';
  if (draft.startDate && draft.endDate && draft.endDate < draft.startDate) errors.dates = 'La date de fin doit suivre la date de début.';
  return errors;
}

/** The fields to send (createProject and updateProject take the same ones). */
export function fieldsInput(draft: ProjectDraft): ProjectFieldsInput & { title: string } {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    themes: draft.themes,
    phase: draft.phase as ProjectFieldsInput['phase'],
    programmes: draft.programmes
      .split(',')
      .map((programme) => programme.trim())
      .filter(Boolean),
    budgetEuros: parseBudget(draft.budget),
    startDate: draft.startDate || null,
    endDate: draft.endDate || null,
    communeIds: draft.otherCommunes.map((commune) => commune.id),
  };
}
