/**
 * A GraphQL response without the request id the gateway adds to every answer
 * (`extensions.requestId`, tested in gateway/test/observability.test.ts), so that tests compare
 * what the graph answered; other extensions stay.
 */
export function withoutRequestId<T extends object>(body: T): T {
  const { extensions, ...rest } = body as T & { extensions?: Record<string, unknown> };
  if (!extensions || !("requestId" in extensions)) return body;
  const { requestId: _requestId, ...others } = extensions;
  return (Object.keys(others).length > 0 ? { ...rest, extensions: others } : rest) as T;
}
