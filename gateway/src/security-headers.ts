import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Headers on every response. The web app has no inline script or style (checked on the built
 * index.html), so the policy allows only this origin, plus its WebSocket (CSP2 browsers do not
 * let 'self' cover ws:) and the favicon's data: URL. No referrer: links in project texts must not
 * leak a fiche's address.
 */
export function securityHeaders(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const host = request.headers.host;
  const sockets = host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : "";
  response.setHeader(
    "Content-Security-Policy",
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'${sockets}; object-src 'none'; base-uri 'self'; frame-ancestors 'none'`,
  );
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Referrer-Policy", "no-referrer");
  next();
}
