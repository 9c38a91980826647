import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { DiagnosticDraft } from '../diagnostic-draft';
import { MATURITY_OPTIONS } from '../format';

interface DiagnosticFieldsProps {
  value: DiagnosticDraft;
  onChange: (value: DiagnosticDraft) => void;
  disabled?: boolean;
}

/** The état des lieux's fields (new project and edit). */
export function DiagnosticFields({ value, onChange, disabled }: DiagnosticFieldsProps) {
  const set = (field: keyof DiagnosticDraft) => (event: { target: { value: string } }) => onChange({ ...value, [field]: event.target.value });
  return (
    <>
      <Input label="Besoins auxquels le projet répond" textArea nativeTextAreaProps={{ id: 'diagnostic-needs', value: value.needs, onChange: set('needs'), disabled, rows: 3 }} />
      <Input label="Freins et difficultés rencontrés" textArea nativeTextAreaProps={{ id: 'diagnostic-blockers', value: value.blockers, onChange: set('blockers'), disabled, rows: 3 }} />
      <Input
        label="Partenaires déjà associés"
        hintText="Un partenaire par ligne."
        textArea
        nativeTextAreaProps={{ id: 'diagnostic-partners', value: value.partners, onChange: set('partners'), disabled, rows: 3 }}
      />
      <Input label="Calendrier envisagé" textArea nativeTextAreaProps={{ id: 'diagnostic-calendar', value: value.calendar, onChange: set('calendar'), disabled, rows: 2 }} />
      <Select label="Maturité du projet" nativeSelectProps={{ id: 'diagnostic-maturity', value: value.maturity, onChange: set('maturity'), disabled }}>
        <option value="">Non renseignée</option>
        {MATURITY_OPTIONS.map(({ value: maturity, label }) => (
          <option key={maturity} value={maturity}>
            {label}
          </option>
        ))}
      </Select>
    </>
  );
}
