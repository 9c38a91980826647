import type { DataSource, EntitySubscriberInterface, QueryRunner } from "typeorm";
import { nowNanos } from "./span";
import type { Tracer } from "./tracer";

/** Longest statement text kept on a span. */
const MAX_STATEMENT = 4000;

/**
 * A span for each SQL statement a data source runs within a traced operation (a child of the
 * span active there), named after its first keyword, with its text: placeholders ($1...), never
 * the parameters' values (no personal data leaves). Statements outside any span (migrations,
 * background readers of the journal) are not traced.
 */
export function traceStatements(dataSource: DataSource, tracer: Tracer): void {
  const started = new WeakMap<QueryRunner, bigint>();
  const subscriber: EntitySubscriberInterface = {
    beforeQuery: (event) => {
      if (tracer.active()) started.set(event.queryRunner, nowNanos());
    },
    afterQuery: (event) => {
      const parent = tracer.active();
      if (!parent) return;
      const start = started.get(event.queryRunner);
      const text = event.query.trim();
      const keyword = /^[A-Za-z]+/.exec(text)?.[0].toUpperCase() ?? "SQL";
      const span = tracer.startSpan(keyword, {
        kind: "client",
        parent,
        startNanos: start ?? nowNanos(),
        attributes: { "db.system": "postgresql", "db.operation": keyword, "db.statement": text.length > MAX_STATEMENT ? `${text.slice(0, MAX_STATEMENT)}…` : text },
      });
      if (!event.success) span.fail((event.error as { code?: string } | undefined)?.code ?? "error");
      span.end();
    },
  };
  dataSource.subscribers.push(subscriber);
}
