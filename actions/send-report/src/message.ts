import MailComposer from 'nodemailer/lib/mail-composer';
import { randomUUID } from 'node:crypto';
import type { Chart } from './charts.js';

/** A composed message: the exact bytes sent (and written as `.eml`) and its envelope. */
export interface ComposedMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

/** What goes into the message. */
export interface MessageParts {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  charts: Chart[];
  attachments: Array<{ filename: string; content: string; contentType: string }>;
}

const address = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * Builds the MIME message once: HTML with its charts as inline PNG parts (`cid:<chart id>`), the
 * text alternative, and the attachments. Sending the same bytes keeps the `.eml` in the artifact
 * identical to what was delivered.
 */
export async function composeMessage(parts: MessageParts): Promise<ComposedMessage> {
  const domain = address(parts.from).split('@')[1] ?? 'localhost';
  const messageId = `<${randomUUID()}@${domain}>`;
  const composer = new MailComposer({
    from: parts.from,
    to: parts.to,
    subject: parts.subject,
    messageId,
    date: new Date(),
    text: parts.text,
    html: parts.html,
    attachments: [
      ...parts.charts.map((chart) => ({
        filename: `${chart.id}.png`,
        content: chart.png,
        contentType: 'image/png',
        cid: chart.id,
      })),
      ...parts.attachments,
    ],
  });
  const raw = await composer.compile().build();
  return { raw, messageId, envelope: { from: address(parts.from), to: parts.to } };
}
