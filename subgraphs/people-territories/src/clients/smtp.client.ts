import { createTransport, type Transporter } from "nodemailer";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification: a message sent again after a crash carries the same id. */
  messageId: string;
}

/** Sends e-mails over SMTP (nodemailer), from one sender. */
export class SmtpClient {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
  }

  close(): void {
    this.transport.close();
  }
}
