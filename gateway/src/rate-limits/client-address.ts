import type { IncomingMessage } from "node:http";

/**
 * The caller's address, for anonymous callers' rate limits and subscription caps: the socket's
 * peer, or, behind `trustedProxies` proxies (TRUST_PROXY_HOPS: the TLS terminator, a load
 * balancer), the address the nearest untrusted hop gave in X-Forwarded-For. A client cannot
 * pick its bucket by sending the header itself: only the entries the trusted proxies appended count.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  if (trustedProxies <= 0) return peer;
  const header = request.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  // The last entry was added by the nearest proxy, and so on: the one before the trusted ones is the client.
  return hops.length === 0 ? peer : hops[Math.max(0, hops.length - trustedProxies)];
}
