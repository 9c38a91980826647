/** The shape of Apollo's CacheHint (@apollo/cache-control-types). */
export interface CacheHint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

/** A subgraph's Cache-Control header as a hint for the answer's overall policy (what @apollo/gateway's data source does). */
export function cacheHint(header: string | undefined): CacheHint {
  const hint: CacheHint = { maxAge: 0 };
  if (!header) return hint;
  for (const part of header.split(",")) {
    const [name, value = ""] = part.trim().toLowerCase().split("=");
    if (name === "max-age" && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === "private") hint.scope = "PRIVATE";
    else if (name === "public") hint.scope = "PUBLIC";
  }
  return hint;
}
