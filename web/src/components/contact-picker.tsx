import { useQuery } from 'urql';
import { CONTACT_SEARCH_QUERY, type ContactKind } from '../resource-operations';
import { SearchPicker, type Picked, type PickerResults } from './search-picker';

export type PickedContact = Picked;

/** What is shown beside a contact's name: a person's role and organisation, or "organisation". */
function detailOf(contact: { kind: string; role: string | null; organization: { name: string | null } | null }): string {
  if (contact.kind === 'ORGANIZATION') return 'organisation';
  return [contact.role, contact.organization?.name].filter(Boolean).join(', ') || 'personne';
}

function useContactResults(search: string, kind: ContactKind | null): PickerResults {
  const [{ data, fetching, error }] = useQuery({ query: CONTACT_SEARCH_QUERY, variables: { search, kind }, pause: search.length < 2 });
  const options = (data?.contacts.edges ?? []).map(({ node }) => ({ id: node.id, title: node.name ?? 'Contact sans nom', detail: detailOf(node) }));
  return { options, fetching, error };
}

function useOrganizations(search: string): PickerResults {
  return useContactResults(search, 'ORGANIZATION');
}
function usePersons(search: string): PickerResults {
  return useContactResults(search, 'PERSON');
}
function useAnyContacts(search: string): PickerResults {
  return useContactResults(search, null);
}

/** One hook per kind (SearchPicker takes a hook of the search alone). */
const HOOKS: Record<ContactKind | 'ANY', (search: string) => PickerResults> = { ORGANIZATION: useOrganizations, PERSON: usePersons, ANY: useAnyContacts };

interface ContactPickerProps {
  label: string;
  hintText: string;
  inputId: string;
  /** Organisations only, persons only, or both. */
  kind: ContactKind | 'ANY';
  onPick: (contact: PickedContact) => void;
}

/** A contact of the contact book (`contacts(search, kind)`), searched by name as you type: a list of buttons to choose one. */
export function ContactPicker({ label, hintText, inputId, kind, onPick }: ContactPickerProps) {
  return (
    <SearchPicker
      label={label}
      hintText={hintText}
      inputId={inputId}
      useResults={HOOKS[kind]}
      countText={(n) => `${n} contact${n > 1 ? 's' : ''}`}
      listLabel={(search) => `Contacts pour « ${search} »`}
      emptyText="Aucun contact ne correspond dans le carnet d'adresses."
      onPick={onPick}
    />
  );
}
