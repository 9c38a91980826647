import { useState, type SubmitEvent } from 'react';
import type { TerritoryOption } from '../territory-search-query';
import { TerritorySearch } from './territory-search';

export interface BoardPlace {
  id: string;
  name: string;
}

interface BoardFiltersProps {
  /** The départements of the agent's State services (none for national staff, who type one). */
  departements: BoardPlace[];
  departementId: string;
  narrowed: BoardPlace | null;
  onDepartement: (id: string) => void;
  onNarrow: (place: BoardPlace | null) => void;
}

/** The board's territory: a département of the agent, then an EPCI or a commune in it, searched as you type. */
export function BoardFilters({ departements, departementId, narrowed, onDepartement, onNarrow }: BoardFiltersProps) {
  const [code, setCode] = useState('');

  function handleCode(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = code.trim().toUpperCase();
    if (typed) onDepartement(`DEPARTEMENT:${typed}`);
  }

  return (
    <div className="filters fr-mb-3w">
      {departements.length > 0 ? (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="board-departement">
            Département
          </label>
          <select className="fr-select" id="board-departement" value={departementId} onChange={(e) => onDepartement(e.target.value)}>
            {departements.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <form onSubmit={handleCode} aria-label="Département">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="board-departement-code">
              Département (code)
              <span className="fr-hint-text">ex. 63 pour le Puy-de-Dôme, 2A pour la Corse-du-Sud</span>
            </label>
            <input className="fr-input" id="board-departement-code" type="text" value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <button type="submit" className="fr-btn fr-btn--sm">
            Afficher
          </button>
        </form>
      )}
      <div>
        <TerritorySearch
          label="Restreindre à un EPCI ou une commune"
          hint="Nom, code INSEE, SIREN ou code postal"
          kind={null}
          onPick={(option: TerritoryOption) => onNarrow({ id: option.id, name: option.name })}
        />
        {narrowed && (
          <p className="fr-mt-1w">
            Territoire affiché : <strong>{narrowed.name}</strong>{' '}
            <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => onNarrow(null)}>
              Tout le département
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
