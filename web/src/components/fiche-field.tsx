import type { ReactNode } from 'react';

interface FicheFieldProps {
  label: string;
  /** Empty (null, blank text, empty list): "Non renseigné". */
  children?: ReactNode;
}

function isEmpty(value: ReactNode): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** One line of a fiche: a label and its value. */
export function FicheField({ label, children }: FicheFieldProps) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{isEmpty(children) ? <span className="muted">Non renseigné</span> : children}</dd>
    </>
  );
}
