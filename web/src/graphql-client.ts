import { Client, cacheExchange, fetchExchange } from 'urql';

export function createGraphqlClient(token: string): Client {
  return new Client({
    url: '/graphql',
    // POST, as Apollo Server's CSRF prevention refuses GET queries without a preflight header.
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { Authorization: `Bearer ${token}` } }),
  });
}
