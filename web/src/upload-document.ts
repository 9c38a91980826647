/** The document an upload created (the answer of the gateway: 201 with its id, name, type, size, SHA-256). */
export interface UploadedDocument {
  id: string;
  name: string;
}

/** Where the gateway serves a document (what `Document.url` answers). */
export function documentUrl(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}

/** Why an upload was refused, in French, from the HTTP status the gateway answers. */
const BY_STATUS: Record<number, string> = {
  400: 'fichier ou nom de fichier invalide',
  401: 'session expirée, reconnectez-vous',
  403: "vous n'avez pas le droit d'ajouter un document à ce projet",
  404: "projet introuvable, ou vous n'y avez pas accès",
  413: 'fichier trop volumineux',
  415: "ce type de fichier n'est pas accepté (PDF, images, documents bureautiques, texte)",
};

/**
 * Sends a file to `POST /projects/<id>/documents?name=<its name>` (the file as the body, with its
 * type) with the session's token; answers the document created (its id and name). Throws an Error
 * whose message is user-facing (French).
 */
export async function uploadDocument(projectId: string, file: File, token: string): Promise<UploadedDocument> {
  let response: Response;
  try {
    response = await fetch(`/projects/${encodeURIComponent(projectId)}/documents?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new Error('Envoi impossible : connexion au serveur perdue, réessayez.');
  }
  if (!response.ok) throw new Error(`Envoi impossible : ${BY_STATUS[response.status] ?? `erreur du serveur (${response.status}), réessayez plus tard`}.`);
  const body = (await response.json().catch(() => null)) as Partial<UploadedDocument> | null;
  if (typeof body?.id !== 'string') throw new Error('Envoi impossible : réponse inattendue du serveur, réessayez.');
  return { id: body.id, name: typeof body.name === 'string' ? body.name : file.name };
}
