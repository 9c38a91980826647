/**
 * Downloads a document through the gateway. Its `url` needs the session's token, which a plain
 * link cannot send: fetch it with the Authorization header, then save the bytes under its name.
 * Throws an Error whose message is user-facing (French).
 */
export async function downloadDocument(url: string, name: string, token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new Error(`Téléchargement impossible : ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(`Téléchargement impossible : ${body?.error?.message ?? `erreur HTTP ${response.status}`}`);
  }
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}
