import { useCallback, useMemo, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { ActivityEntry, ProjectFiche } from '../project-fiche-query';
import { useProjectComments } from '../use-project-comments';
import { useProjectJournal } from '../use-project-journal';
import type { MarkRead } from '../use-mark-read';
import type { Viewer } from '../use-viewer';
import { ActionList } from './action-list';
import { ActorsTab } from './actors-tab';
import { Conversation } from './conversation';
import { DiagnosticSection } from './diagnostic-section';
import { DocumentList } from './document-list';
import { DocumentUpload } from './document-upload';
import { EditDiagnosticForm } from './edit-diagnostic-form';
import { EditProjectForm } from './edit-project-form';
import { FundingTab } from './funding-tab';
import { Journal } from './journal';
import { LifecycleActions } from './lifecycle-actions';
import { ProjectSummary } from './project-summary';
import { QuestionnaireSection } from './questionnaire-section';
import { RecommendationsTab } from './recommendations-tab';
import { StatusBadge } from './status-badge';
import { UnreadBadge } from './unread-badge';

interface ProjectFicheBodyProps {
  project: ProjectFiche;
  viewer: Viewer;
  /** Reads the fiche again from the server. */
  refetch: () => void;
  /** What was unread when the fiche opened, and how to mark live activity read. */
  read: MarkRead;
}

const TABS = [
  { tabId: 'presentation', label: 'Présentation' },
  { tabId: 'etat-des-lieux', label: 'État des lieux' },
  { tabId: 'echanges', label: 'Échanges' },
  { tabId: 'documents', label: 'Documents' },
  { tabId: 'actions', label: 'Actions' },
  { tabId: 'recommandations', label: 'Recommandations' },
  { tabId: 'financements', label: 'Financements' },
  { tabId: 'acteurs', label: 'Acteurs' },
  { tabId: 'journal', label: 'Journal' },
];

/**
 * A loaded fiche: its head (title, status, lifecycle buttons, blocked notice) and its tabs. The
 * conversation is read once the fiche is there, so that every message of the journal read with
 * it is in the conversation; later ones come with the live journal: a new message reads the
 * conversation again; any other change needs nothing, as each event carries the project, which
 * urql's cache writes (status, état des lieux, actions, documents, actors), whichever tab is shown.
 */
export function ProjectFicheBody({ project, viewer, refetch, read }: ProjectFicheBodyProps) {
  const [tab, setTab] = useState('presentation');
  const [editing, setEditing] = useState<'presentation' | 'diagnostic' | null>(null);
  // Bumped by each recommendation event of the live journal: the "Recommandations" tab reads them again.
  const [recommendationsVersion, setRecommendationsVersion] = useState(0);
  const conversation = useProjectComments(project.id);
  const loaded = useMemo(() => project.activity.edges.map((edge) => edge.node), [project.activity]);
  const { refetch: refetchComments } = conversation;
  const { markRead } = read;
  const handleNewEntry = useCallback(
    (entry: ActivityEntry) => {
      markRead();
      if (entry.kind === 'COMMENT_ADDED') refetchComments();
      else if (entry.kind.startsWith('RECOMMENDATION_')) setRecommendationsVersion((version) => version + 1);
    },
    [markRead, refetchComments],
  );
  const journal = useProjectJournal(project.id, loaded, handleNewEntry);
  const canEdit = project.viewerCan.edit;
  const saved = () => {
    setEditing(null);
    refetch();
  };

  return (
    <>
      <div className="fiche-title fr-mb-2w">
        <h1 id="fiche-title">{project.title}</h1>
        <StatusBadge status={project.status} />
      </div>
      {read.unreadAtOpen !== null && read.unreadAtOpen > 0 && (
        <p className="fr-text--sm" data-testid="fiche-unread">
          <UnreadBadge count={read.unreadAtOpen} /> depuis votre dernière visite : voir l'onglet « Journal ».
        </p>
      )}
      <LifecycleActions project={project} onDone={refetch} />
      {project.blockedReason && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" role="status">
          <p className="blocked">Projet bloqué : {project.blockedReason}</p>
        </div>
      )}
      {project.statusReason && <p className="muted">Motif du dernier changement de statut : {project.statusReason}</p>}
      <Tabs label="Rubriques de la fiche" tabs={TABS} selectedTabId={tab} onTabChange={setTab}>
        {tab === 'presentation' &&
          (editing === 'presentation' ? (
            <EditProjectForm project={project} onSaved={saved} onCancel={() => setEditing(null)} />
          ) : (
            <>
              <ProjectSummary project={project} />
              {canEdit && (
                <Button type="button" priority="secondary" iconId="fr-icon-edit-line" className="fr-mt-2w" onClick={() => setEditing('presentation')}>
                  Modifier la présentation
                </Button>
              )}
            </>
          ))}
        {tab === 'etat-des-lieux' &&
          (editing === 'diagnostic' ? (
            <EditDiagnosticForm project={project} onSaved={saved} onCancel={() => setEditing(null)} />
          ) : (
            <>
              <DiagnosticSection diagnostic={project.diagnostic} />
              {canEdit && (
                <Button type="button" priority="secondary" iconId="fr-icon-edit-line" className="fr-mt-2w" onClick={() => setEditing('diagnostic')}>
                  Modifier l'état des lieux
                </Button>
              )}
              <QuestionnaireSection projectId={project.id} />
            </>
          ))}
        {tab === 'echanges' && <Conversation projectId={project.id} rights={project.viewerCan} state={conversation} />}
        {tab === 'documents' && (
          <>
            <DocumentList documents={project.documents} onDeleted={refetch} />
            {canEdit && <DocumentUpload projectId={project.id} onDone={refetch} />}
          </>
        )}
        {tab === 'actions' && <ActionList projectId={project.id} actions={project.actions} canEdit={canEdit} onChanged={refetch} />}
        {tab === 'recommandations' && (
          <RecommendationsTab project={{ id: project.id, title: project.title, canRecommend: project.viewerCan.recommend }} viewer={viewer} liveVersion={recommendationsVersion} />
        )}
        {tab === 'financements' && <FundingTab projectId={project.id} canApply={canEdit && viewer.isCollectivite} />}
        {tab === 'acteurs' && <ActorsTab project={project} viewer={viewer} onChanged={refetch} />}
        {tab === 'journal' && <Journal entries={journal.entries} liveError={journal.liveError} />}
      </Tabs>
    </>
  );
}
