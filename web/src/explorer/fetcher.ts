import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { currentOperation } from './operation';

/**
 * GraphiQL's fetcher on this origin's /graphql, as the signed-in person: queries and mutations
 * over HTTP, subscriptions over the WebSocket (the same endpoint and token as the web app).
 * The operation's name and document are taken from the text actually sent (see currentOperation).
 */
export function explorerFetcher(token: string | null): Fetcher {
  const authorization = token ? `Bearer ${token}` : undefined;
  const socket = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const fetcher = createGraphiQLFetcher({
    url: '/graphql',
    headers: authorization ? { authorization } : {},
    wsClient: createClient({ url: socket, lazy: true, connectionParams: authorization ? { authorization } : {} }),
  });
  return (params, opts) => {
    const current = currentOperation(params, opts);
    return fetcher(current.params, current.opts);
  };
}
