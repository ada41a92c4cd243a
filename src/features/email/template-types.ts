import type { Translate } from '../../web/messages.js';

/** What an email says, independent of HTML or text. */
export type EmailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Extra link lists, e.g. one download link per file. */
  links?: { label: string; url: string; note?: string }[];
  /** Small print under the action, e.g. why the reader got this email. */
  note?: string;
};

/** A template turns typed data into content, in the reader's language. */
export type TemplateFn<D> = (t: Translate, data: D) => EmailContent;
