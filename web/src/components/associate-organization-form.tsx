import { useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../graphql-errors';
import { ASSOCIATE_ORGANIZATION_MUTATION, type FoundOrganization } from '../state-operations';
import { Alert } from './alert';
import { OrganizationSearch } from './organization-search';

interface AssociateOrganizationFormProps {
  projectId: string;
  onDone: () => void;
}

/** "Associer une organisation": an expert organisation or an operator found with `OrganizationSearch`, associated once chosen. */
export function AssociateOrganizationForm({ projectId, onDone }: AssociateOrganizationFormProps) {
  const [{ fetching: associating }, associate] = useMutation(ASSOCIATE_ORGANIZATION_MUTATION);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function handlePick(organization: FoundOrganization) {
    setFailure(null);
    setDone(null);
    const result = await associate({ projectId, organizationId: organization.id });
    if (result.error) setFailure(`Association de ${organization.name} impossible : ${describeError(result.error)}.`);
    else {
      setDone(`${organization.name} est associé au projet.`);
      onDone();
    }
  }

  return (
    <div>
      <h3 className="fr-h6">Associer une organisation</h3>
      <OrganizationSearch
        inputId="associate-search"
        label="Organisation (expert, opérateur)"
        hintText="Tapez au moins deux lettres de son nom, ex. Cerema."
        disabled={associating}
        onPick={(picked) => void handlePick(picked)}
      />
      <p className="fr-sr-only" role="status">
        {done ?? ''}
      </p>
      <Alert message={failure} />
    </div>
  );
}
