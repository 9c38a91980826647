import { parse } from "graphql";
import { currentOperation } from "../src/explorer/operation";

/** The explorer's fetcher sends the operation name and document of the text it runs, never GraphiQL's stale (debounced) facts. */
describe("the explorer's operation facts", () => {
  const welcome = parse("query MonCompte { me { name } }");

  it("replaces a name the document does not define by its only operation's, and sends that document", () => {
    const query = "query Portefeuille($territoire: ID!) { territory(id: $territoire) { name } }";
    const { params, opts } = currentOperation({ query, operationName: "MonCompte", variables: { territoire: "DEPARTEMENT:63" } }, { documentAST: welcome });
    expect(params).toEqual({ query, operationName: "Portefeuille", variables: { territoire: "DEPARTEMENT:63" } });
    expect(opts?.documentAST).toEqual(parse(query));
  });

  it("drops a stale name for an anonymous operation, so that a subscription goes by its own document", () => {
    const query = "subscription { projectActivity { id } }";
    const { params, opts } = currentOperation({ query, operationName: "MonCompte" }, { documentAST: welcome });
    expect(params.operationName).toBeNull();
    expect(opts?.documentAST?.definitions[0]).toMatchObject({ kind: "OperationDefinition", operation: "subscription" });
  });

  it("keeps the chosen name among several operations, even an unknown one (the server says so)", () => {
    const query = "query A { me { id } } query B { me { name } }";
    expect(currentOperation({ query, operationName: "B" }, undefined).params.operationName).toBe("B");
    expect(currentOperation({ query, operationName: "C" }, undefined).params.operationName).toBe("C");
  });

  it("leaves a text that does not parse as it is, for the server to report", () => {
    const sent = { query: "query {", operationName: "MonCompte" };
    expect(currentOperation(sent, { documentAST: welcome })).toEqual({ params: sent, opts: { documentAST: welcome } });
  });
});
