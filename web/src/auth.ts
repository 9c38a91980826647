export interface DemoAccount {
  email: string;
  label: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'camille.martin@clermont-ferrand.demo', label: 'Agente de la commune de Clermont-Ferrand' },
  { email: 'julien.bernard@ddt63.demo', label: 'Agent de la DDT du Puy-de-Dôme' },
  { email: 'sophie.durand@pref63.demo', label: 'Agente de la préfecture du Puy-de-Dôme' },
  { email: 'nadia.petit@anct.demo', label: "Agente nationale de l'ANCT" },
];

export interface Session {
  token: string;
  email: string;
}

const TOKEN_KEY = 'hub.token';
const EMAIL_KEY = 'hub.email';

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  return { token, email: sessionStorage.getItem(EMAIL_KEY) ?? '' };
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
  sessionStorage.setItem(EMAIL_KEY, session.email);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(EMAIL_KEY);
}

/** Asks the gateway for a demo token; throws an Error whose message is user-facing (French). */
export async function requestDemoToken(email: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/auth/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
  } catch (err) {
    throw new Error(`Connexion impossible : ${err instanceof Error ? err.message : String(err)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  const field = (name: string): string | undefined => {
    const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  if (response.status !== 200) {
    throw new Error(`Connexion impossible : ${field('error') ?? `erreur HTTP ${response.status}`}`);
  }
  const token = field('token');
  if (!token) throw new Error('Connexion impossible : jeton absent de la réponse');
  return token;
}
