import type { FetcherOpts, FetcherParams } from '@graphiql/toolkit';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * GraphiQL reads the operation's name and document from facts it updates 100 ms after an edit
 * (a debounce): an example put in the editor and run at once (a click, Ctrl-Enter) would be sent
 * with the previous text's operation name (the server answers "Unknown operation named …") and
 * that text's document (which decides HTTP or WebSocket). Both are derived here from the query
 * sent: a name the document does not define is replaced by its only operation's; with several
 * operations, the name is kept (the server explains a wrong one).
 */
export function currentOperation(params: FetcherParams, opts: FetcherOpts | undefined): { params: FetcherParams; opts: FetcherOpts | undefined } {
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    return { params, opts }; // the server reports the syntax error
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const named = operations.some((operation) => operation.name?.value === params.operationName);
  const operationName = named || operations.length !== 1 ? params.operationName : (operations[0].name?.value ?? null);
  return { params: { ...params, operationName }, opts: { ...opts, documentAST: document } };
}
