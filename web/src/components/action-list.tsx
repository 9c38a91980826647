import { formatActionStatus } from '../format';
import type { ProjectAction } from '../project-fiche-query';

/** Actions and recommendations, oldest first, with their status. */
export function ActionList({ actions }: { actions: ProjectAction[] }) {
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">
        Actions <span className="count">({actions.length})</span>
      </h2>
      {actions.length === 0 ? (
        <p className="muted">Aucune action.</p>
      ) : (
        <ul className="items">
          {actions.map((action) => (
            <li key={action.id} data-testid="action">
              <div className="item-head">
                <strong>{action.title}</strong>
                <span className={`status action-${action.status.toLowerCase()}`}>{formatActionStatus(action.status)}</span>
              </div>
              {action.description && <p className="text muted">{action.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
