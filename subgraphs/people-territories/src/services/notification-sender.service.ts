import type { DataSource, EntityManager } from "typeorm";
import type { SmtpClient } from "../clients/smtp.client";
import { digestEmail, immediateEmail, MAX_ATTEMPTS, retryDelayMs } from "../rules/notification-messages";

interface OutboxRow {
  id: string;
  person_id: string;
  subject: string;
  text: string;
  link: string;
  digest: boolean;
  attempts: number;
  email: string;
  given_name: string;
}

const ROW = `n.id::text AS id, n.person_id, n.subject, n.text, n.link, n.digest, n.attempts, p.email, p.given_name`;

/**
 * Sends what is due in the outbox: each immediate notification as an e-mail of its own, a
 * person's due digest items as one e-mail. Each e-mail is sent inside the transaction that
 * locks its rows (`FOR UPDATE SKIP LOCKED`: replicas never take the same rows) and marks them
 * SENT, so a notification is sent once; a failure leaves them PENDING with a later `due_at`
 * (30 s, doubling, at most 1 h) and FAILED after MAX_ATTEMPTS. Returns how many e-mails left.
 */
export async function sendDue(dataSource: DataSource, smtp: SmtpClient, hostname: string, limit = 100): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await dataSource.transaction(async (manager) => {
      const [head] = await manager.query<OutboxRow[]>(
        `SELECT ${ROW} FROM notification n JOIN person p ON p.id = n.person_id
          WHERE n.status = 'PENDING' AND n.due_at <= now() ORDER BY n.due_at, n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
      );
      if (!(head as OutboxRow | undefined)) return "empty";
      const rows = head.digest
        ? await manager.query<OutboxRow[]>(
            `SELECT ${ROW} FROM notification n JOIN person p ON p.id = n.person_id
              WHERE n.person_id = $1 AND n.digest AND n.status = 'PENDING' AND n.due_at <= now() ORDER BY n.id FOR UPDATE OF n SKIP LOCKED`,
            [head.person_id],
          )
        : [head];
      // The head is locked by this transaction, so it is among the digest rows read again.
      const email = head.digest ? digestEmail(head.given_name, rows) : immediateEmail(head.given_name, head);
      try {
        await smtp.send({ to: head.email, subject: email.subject, text: email.text, messageId: `<notification-${head.id}@${hostname}>` });
      } catch (error) {
        await retryLater(manager, rows, error);
        return "failed";
      }
      await manager.query(`UPDATE notification SET status = 'SENT', sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return "sent";
    });
    if (outcome === "empty") break;
    if (outcome === "sent") sent++;
  }
  return sent;
}

async function retryLater(manager: EntityManager, rows: OutboxRow[], error: unknown): Promise<void> {
  const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await manager.query(
    `UPDATE notification SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE 'PENDING' END, due_at = now() + ($4 || ' milliseconds')::interval
      WHERE id = ANY($1::bigint[])`,
    [rows.map((r) => r.id), message, attempts >= MAX_ATTEMPTS, String(retryDelayMs(attempts))],
  );
}
