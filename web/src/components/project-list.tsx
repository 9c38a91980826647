import { useProjectList } from '../use-project-list';
import { ProjectRow } from './project-row';
import { Alert } from './alert';

const PAGE_SIZE = 20;

export function ProjectList() {
  const { edges, hasNextPage, fetching, error, loadMore } = useProjectList(PAGE_SIZE);

  return (
    <section className="card">
      <h2>
        Projets <span className="count">({edges.length})</span>
      </h2>
      {edges.length > 0 && (
        <table className="project-table">
          <thead>
            <tr>
              <th>Titre</th>
              <th>Commune</th>
              <th>Porteur</th>
              <th>Statut</th>
              <th>Créé le</th>
            </tr>
          </thead>
          <tbody>
            {edges.map((edge) => (
              <ProjectRow key={edge.node.id} project={edge.node} />
            ))}
          </tbody>
        </table>
      )}
      {!fetching && !error && edges.length === 0 && <p className="muted">Aucun projet.</p>}
      {fetching && <p className="muted">Chargement…</p>}
      <Alert message={error} prefix="Erreur : " />
      {hasNextPage && !fetching && (
        <button type="button" onClick={loadMore}>
          Voir plus
        </button>
      )}
    </section>
  );
}
