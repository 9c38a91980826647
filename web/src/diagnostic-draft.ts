import type { DiagnosticInput } from './project-edit-mutations';

/** The état des lieux as a form holds it (partners one per line). */
export interface DiagnosticDraft {
  needs: string;
  blockers: string;
  partners: string;
  calendar: string;
  maturity: string;
}

export const EMPTY_DIAGNOSTIC: DiagnosticDraft = { needs: '', blockers: '', partners: '', calendar: '', maturity: '' };

/** A loaded état des lieux, to edit. */
export function draftOf(diagnostic: { needs: string | null; blockers: string | null; partners: string[]; calendar: string | null; maturity: string | null }): DiagnosticDraft {
  return {
    needs: diagnostic.needs ?? '',
    blockers: diagnostic.blockers ?? '',
    partners: diagnostic.partners.join('\n'),
    calendar: diagnostic.calendar ?? '',
    maturity: diagnostic.maturity ?? '',
  };
}

/** Whether anything was written. */
export function isEmptyDraft(draft: DiagnosticDraft): boolean {
  return [draft.needs, draft.blockers, draft.partners, draft.calendar, draft.maturity].every((value) => value.trim() === '');
}

/** The whole état des lieux to send (it replaces the previous one; the financing plan is kept as read). */
export function diagnosticInput(draft: DiagnosticDraft, financingPlan: DiagnosticInput['financingPlan'] = []): DiagnosticInput {
  return {
    needs: draft.needs.trim() || null,
    blockers: draft.blockers.trim() || null,
    partners: draft.partners
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    calendar: draft.calendar.trim() || null,
    maturity: (draft.maturity || null) as DiagnosticInput['maturity'],
    financingPlan,
  };
}
