/** A file shared with the debrief beside the Markdown report (the volume chart). */
export interface DebriefAttachment {
  filename: string;
  title: string;
  bytes: Buffer;
  contentType: string;
}
