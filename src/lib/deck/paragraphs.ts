/**
 * Splits a source document into paragraphs the way citations count them: blocks separated
 * by one or more blank (empty or whitespace-only) lines, empty blocks dropped, numbered
 * from 1 (index 0 of the result is paragraph 1).
 */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\f\v\u00a0]*(?:\n[ \t\f\v\u00a0]*)+/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
}
