import { Client, cacheExchange, fetchExchange } from 'urql';

export function createGraphqlClient(token: string): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: { Authorization: `Bearer ${token}` } }),
  });
}
