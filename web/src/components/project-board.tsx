import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { BOARD_ACTIVITY_SUBSCRIPTION, MOVE_PROJECT_CARD_MUTATION, PROJECT_BOARD_QUERY, type BoardCard, type MoveCardInput } from '../board-operations';
import { explainRefusedMove, moveNeeds } from '../board-moves';
import { formatStatus, territoryName } from '../format';
import { describeError } from '../graphql-errors';
import { useActivityFeed } from '../use-activity-feed';
import type { Viewer } from '../use-viewer';
import { Alert } from './alert';
import { BoardColumnView } from './board-column';
import { BoardFilters, type BoardPlace } from './board-filters';

const CARDS = 20;

/** The départements of the agent's State services, where its board opens. */
export function boardDepartements(viewer: Viewer): BoardPlace[] {
  const places = viewer.stateServices.map((s) => s.territory).filter((t): t is BoardPlace => !!t && t.id.startsWith('DEPARTEMENT:'));
  return places.filter((p, i) => places.findIndex((q) => q.id === p.id) === i);
}

/**
 * "Tableau de bord des projets" (`#/tableau-de-bord-projets`, State agents and ANCT): the
 * projects of a territory by status (`projectBoard`), each column with its count; a card moves
 * by drag and drop or with its "Déplacer vers…" (`moveProjectCard`), a refusal explained; kept
 * current live (the territory's projectActivity: a change made elsewhere moves its card).
 */
export function ProjectBoard({ viewer }: { viewer: Viewer }) {
  const departements = useMemo(() => boardDepartements(viewer), [viewer]);
  const [departementId, setDepartementId] = useState<string | null>(null);
  const [narrowed, setNarrowed] = useState<BoardPlace | null>(null);
  const [dropped, setDropped] = useState<{ cardId: string; to: string } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const departement = departementId ?? (departements.length > 0 ? departements[0].id : null);
  const territoryId = narrowed?.id ?? departement;
  const [{ data, fetching, error }, reload] = useQuery({ query: PROJECT_BOARD_QUERY, variables: { territoryId: territoryId ?? '', cards: CARDS }, pause: !territoryId });
  const [{ fetching: moving }, move] = useMutation(MOVE_PROJECT_CARD_MUTATION);
  // Changes made elsewhere (another agent, the collectivité) move the cards live.
  const { liveError } = useActivityFeed(BOARD_ACTIVITY_SUBSCRIPTION, { territoryId: territoryId ?? null }, !territoryId);
  const board = data?.projectBoard;
  const statuses = board?.columns.map((c) => c.status) ?? [];

  async function handleMove(card: BoardCard, to: string, extra: { priority?: string; reason?: string }) {
    setDropped(null);
    const input: MoveCardInput = { projectId: card.id, to: to as MoveCardInput['to'] };
    if (extra.priority) input.priority = extra.priority as MoveCardInput['priority'];
    if (extra.reason) input.reason = extra.reason;
    // Assigning from the board assigns the agent who moves the card, on the project's first theme.
    if (to === 'ASSIGNED' && viewer.id) input.assignees = [{ personId: viewer.id, theme: card.themes[0] ?? null }];
    const result = await move({ input });
    if (result.error) {
      setMessage({ ok: false, text: `Déplacement de « ${card.title} » impossible : ${explainRefusedMove(result.error, card.status, to)}` });
      return;
    }
    setMessage({ ok: true, text: `« ${card.title} » déplacé vers « ${formatStatus(to)} ».` });
    reload({ requestPolicy: 'network-only' });
  }

  function handleDrop(cardId: string, to: string) {
    const card = board?.columns.flatMap((c) => c.projects).find((p) => p.id === cardId);
    if (!card || card.status === to) return;
    // A step that needs a priority or a motif opens the card's form with the column chosen.
    if (moveNeeds(to)) {
      setDropped({ cardId, to });
      setMessage({ ok: true, text: `Pour déplacer « ${card.title} » vers « ${formatStatus(to)} », complétez le formulaire de la carte.` });
    } else void handleMove(card, to, {});
  }

  return (
    <section className="fr-mb-4w" aria-labelledby="board-title">
      <h1 id="board-title">Tableau de bord des projets</h1>
      <p className="muted">
        Les projets de votre territoire par statut. Glissez une carte vers une autre colonne, ou choisissez « Déplacer vers… » sur la carte : seuls les passages que permet le cycle de vie d'un projet
        sont acceptés.
      </p>
      <BoardFilters
        departements={departements}
        departementId={departement ?? ''}
        narrowed={narrowed}
        onDepartement={(id) => {
          setDepartementId(id);
          setNarrowed(null);
        }}
        onNarrow={setNarrowed}
      />
      <div aria-live="polite" className="fr-mb-2w">
        {message?.ok && <p data-testid="board-message">{message.text}</p>}
      </div>
      {message && !message.ok && <Alert message={message.text} />}
      {!territoryId && <p>Choisissez un département pour afficher ses projets.</p>}
      {fetching && !board && <p aria-live="polite">Chargement…</p>}
      <Alert
        message={error ? (error.graphQLErrors.some((e) => e.extensions.code === 'FORBIDDEN') ? "ce territoire n'est pas dans vos départements." : describeError(error)) : null}
        prefix="Tableau indisponible : "
      />
      <Alert message={liveError} prefix="Mises à jour en direct interrompues (rechargez la page) : " />
      {board && (
        <>
          <p data-testid="board-total">
            {territoryName(board.territory)} : {board.totalCount} projet{board.totalCount > 1 ? 's' : ''}
          </p>
          {board.totalCount === 0 && <p className="muted">Aucun projet déposé sur ce territoire pour l'instant.</p>}
          <div className="board">
            {board.columns.map((column) => (
              <BoardColumnView
                key={column.status}
                column={column}
                statuses={statuses}
                dropped={dropped}
                busy={moving}
                onDrop={handleDrop}
                onMove={(card, to, extra) => void handleMove(card, to, extra)}
                onCancelDrop={() => setDropped(null)}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
