import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange, type Exchange, type SubscriptionForwarder } from 'urql';
import { createCacheExchange } from './graphql-cache';

/** The urql client of a session, and how to close its WebSocket when the session ends. */
export interface GraphqlSession {
  client: Client;
  dispose: () => void;
}

/** ws://host/graphql (wss: behind https), on the origin that served the page. */
function webSocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/graphql`;
}

/**
 * The exchanges of every session's client: the normalised cache, HTTP, the WebSocket. What they
 * send is what the build registers as trusted documents (scripts/persisted-operations.mjs;
 * test/sent-operations.test.ts sends every operation through them and checks).
 */
export function graphqlExchanges(forwardSubscription: SubscriptionForwarder): Exchange[] {
  return [createCacheExchange(), fetchExchange, subscriptionExchange({ forwardSubscription })];
}

/**
 * Results go through the normalised cache (`src/graphql-cache.ts`): the projects carried by the
 * subscriptions' events update every query that shows them. Queries and mutations go over HTTP
 * (POST /graphql); subscriptions over graphql-ws on the same path, the token in connection_init.
 * The socket opens with the first subscription, closes shortly after the last one ends, and
 * reconnects after a network drop.
 */
export function createGraphqlClient(token: string): GraphqlSession {
  const authorization = `Bearer ${token}`;
  const ws = createWsClient({ url: webSocketUrl(), connectionParams: { authorization }, retryAttempts: 10 });
  const client = new Client({
    url: '/graphql',
    // POST, as Apollo Server's CSRF prevention refuses GET queries without a preflight header.
    preferGetMethod: false,
    exchanges: graphqlExchanges((request) => ({
      subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
    })),
    fetchOptions: () => ({ headers: { Authorization: authorization } }),
  });
  return { client, dispose: () => void ws.dispose() };
}
