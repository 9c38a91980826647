import { asServiceWork, type Logger } from "@hub/kit";
import type { DataSource } from "typeorm";
import { SmtpClient } from "../clients/smtp.client";
import type { PeopleTerritoriesConfig } from "../config";
import { consumeJournal } from "./notification-consumer.service";
import { sendDue } from "./notification-sender.service";

/**
 * The background work of notifications, every NOTIFY_POLL_MS: read the projects journal into
 * the outbox, then send what is due. One round at a time; a failing round (projects down,
 * SMTP refusing) is logged when its cause changes and retried at the next one.
 */
export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private lastProblem = "";
  private readonly smtp: SmtpClient | null;
  private readonly hostname: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PeopleTerritoriesConfig,
    private readonly logger: Logger,
  ) {
    this.smtp = config.smtpUrl ? new SmtpClient(config.smtpUrl, config.mailFrom) : null;
    this.hostname = new URL(config.publicUrl).hostname;
  }

  start(): void {
    if (!this.smtp) this.logger.info("SMTP_URL is unset: notifications are queued in the outbox, not sent");
    this.timer = setInterval(() => void this.runOnce(), this.config.notifyPollMs);
    void this.runOnce();
  }

  /** One round (or the one in progress): read the journal, then send. */
  runOnce(): Promise<void> {
    this.round ??= asServiceWork(() => this.work()).finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async work(): Promise<void> {
    try {
      await consumeJournal(this.dataSource, { projectsUrl: this.config.projectsUrl, secret: this.config.internalTokenSecret, publicUrl: this.config.publicUrl, digestHour: this.config.digestHour });
      if (this.smtp) await sendDue(this.dataSource, this.smtp, this.hostname);
      if (this.lastProblem) this.logger.info("notifications: back to normal");
      this.lastProblem = "";
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      if (problem !== this.lastProblem) this.logger.warn(`notifications: ${problem} (retrying every ${this.config.notifyPollMs} ms)`);
      this.lastProblem = problem;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
    this.smtp?.close();
  }
}
