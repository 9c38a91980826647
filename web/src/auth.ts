import { parseCookie, stringifySetCookie } from 'cookie';

export interface DemoAccount {
  email: string;
  label: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'camille.martin@clermont-ferrand.demo', label: 'Agente de la commune de Clermont-Ferrand' },
  { email: 'julien.bernard@ddt63.demo', label: 'Agent de la DDT du Puy-de-Dôme' },
  { email: 'amelie.garnier@ddt63.demo', label: 'Agente de la DDT du Puy-de-Dôme (énergie, urbanisme)' },
  { email: 'sophie.durand@pref63.demo', label: 'Agente de la préfecture du Puy-de-Dôme' },
  { email: 'nadia.petit@anct.demo', label: "Agente nationale de l'ANCT" },
  { email: 'lea.roux@cerema.demo', label: 'Experte du Cerema' },
  { email: 'louis.moreau@anct.demo', label: 'Analyste national (sans données personnelles)' },
];

/** How one may sign in here (GET /auth/methods). */
export interface SignInMethods {
  dev: boolean;
  proconnect: boolean;
}

export async function loadSignInMethods(): Promise<SignInMethods> {
  const response = await fetch('/auth/methods').catch(() => null);
  const body = response?.ok ? ((await response.json()) as Partial<SignInMethods>) : {};
  return { dev: body.dev === true, proconnect: body.proconnect === true };
}

/** Set by the gateway when a ProConnect sign-in starts (10 min, readable here). */
export const SIGNIN_COOKIE = 'hub_signin';

/** What takeTokenFromFragment needs of the browser (a test passes its own). */
export interface BrowserWindow {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  document: { cookie: string };
}

/**
 * After ProConnect, the gateway sends the browser back to `/#token=...&signin=...` (a fragment
 * never reaches a server). The token is taken only when `signin` equals this browser's
 * hub_signin cookie, set when this browser started the sign-in: a link carrying someone
 * else's token (login CSRF) is ignored. Either way the cookie is deleted and the address bar
 * cleaned.
 */
export function takeTokenFromFragment(browser: BrowserWindow = window): Session | null {
  const { hash, pathname, search } = browser.location;
  if (!hash.startsWith('#token=')) return null;
  browser.history.replaceState(null, '', pathname + search);
  const fragment = new URLSearchParams(hash.slice(1));
  const token = fragment.get('token');
  const signin = fragment.get('signin');
  const expected = parseCookie(browser.document.cookie)[SIGNIN_COOKIE];
  browser.document.cookie = stringifySetCookie({ name: SIGNIN_COOKIE, value: '', maxAge: 0, path: '/', sameSite: 'lax' });
  if (!token || !signin || !expected || signin !== expected) return null;
  return { token, email: '' };
}

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
    throw new Error(`Connexion impossible : ${err instanceof Error ? err.message : String(err)}`, { cause: err });
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
