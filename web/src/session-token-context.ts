import { createContext } from 'react';

/** The signed-in session's token, for the few requests made outside GraphQL (document downloads). */
export const SessionTokenContext = createContext<string>('');
