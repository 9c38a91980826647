import { useCallback, useMemo } from 'react';
import type { ActivityEntry, ProjectFiche } from '../project-fiche-query';
import { useProjectComments } from '../use-project-comments';
import { useProjectJournal } from '../use-project-journal';
import { ActionList } from './action-list';
import { Conversation } from './conversation';
import { DiagnosticSection } from './diagnostic-section';
import { DocumentList } from './document-list';
import { Journal } from './journal';
import { LifecycleActions } from './lifecycle-actions';
import { ProjectSummary } from './project-summary';

interface ProjectFicheBodyProps {
  project: ProjectFiche;
  /** Reads the fiche again from the server. */
  refetch: () => void;
}

/**
 * A loaded fiche. The conversation is read once the fiche is there, so that every message of
 * the journal read with it is in the conversation; later ones come with the live journal: a
 * new message reads the conversation again, any other change the fiche (status, état des
 * lieux, actions, documents).
 */
export function ProjectFicheBody({ project, refetch }: ProjectFicheBodyProps) {
  const conversation = useProjectComments(project.id);
  const loaded = useMemo(() => project.activity.edges.map((edge) => edge.node), [project.activity]);
  const { refetch: refetchComments } = conversation;
  const handleNewEntry = useCallback((entry: ActivityEntry) => (entry.kind === 'COMMENT_ADDED' ? refetchComments() : refetch()), [refetchComments, refetch]);
  const journal = useProjectJournal(project.id, loaded, handleNewEntry);

  return (
    <>
      <ProjectSummary project={project}>
        <LifecycleActions project={project} onDone={refetch} />
      </ProjectSummary>
      <DiagnosticSection diagnostic={project.diagnostic} />
      <div className="fiche-columns">
        <ActionList actions={project.actions} />
        <DocumentList documents={project.documents} />
      </div>
      <div className="fiche-columns">
        <Conversation projectId={project.id} rights={project.viewerCan} state={conversation} />
        <Journal entries={journal.entries} liveError={journal.liveError} />
      </div>
    </>
  );
}
