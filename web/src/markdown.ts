/**
 * A small Markdown reader for resource sheets: headings, paragraphs, bullet and numbered lists,
 * and inline bold, italic, code and links. It yields plain data that components render as React
 * elements: nothing is ever handed to the browser as HTML, so HTML written in a sheet shows as
 * text, and only http(s) and mailto links become links.
 */

export type Inline = { kind: 'text' | 'strong' | 'em' | 'code'; text: string } | { kind: 'link'; text: string; href: string };

export type Block = { kind: 'heading'; level: 2 | 3 | 4; content: Inline[] } | { kind: 'paragraph'; content: Inline[] } | { kind: 'list'; ordered: boolean; items: Inline[][] };

const INLINE = /\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|`(.+?)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** A safe link target: http, https or mailto only. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : null;
}

export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) result.push({ kind: 'text', text: text.slice(last, match.index) });
    // Unmatched groups are undefined (TypeScript types them as strings).
    const groups = match.slice(1) as (string | undefined)[];
    const [strong, strong2, em, em2, code, linkText, href] = groups;
    const bold = strong ?? strong2;
    const italic = em ?? em2;
    if (bold !== undefined) result.push({ kind: 'strong', text: bold });
    else if (italic !== undefined) result.push({ kind: 'em', text: italic });
    else if (code !== undefined) result.push({ kind: 'code', text: code });
    else if (linkText !== undefined && href !== undefined) {
      const safe = safeHref(href);
      result.push(safe ? { kind: 'link', text: linkText, href: safe } : { kind: 'text', text: linkText });
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) result.push({ kind: 'text', text: text.slice(last) });
  return result;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    paragraph = [];
    if (list) blocks.push({ kind: 'list', ...list });
    list = null;
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      const level = Math.min(heading[1].length + 1, 4) as 2 | 3 | 4;
      blocks.push({ kind: 'heading', level, content: parseInline(heading[2]) });
    } else if (bullet || numbered) {
      const item = bullet ?? numbered;
      const ordered = !bullet;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      if (item) list.items.push(parseInline(item[1]));
    } else if (list) {
      const items = list.items;
      items[items.length - 1] = [...items[items.length - 1], { kind: 'text', text: ' ' }, ...parseInline(line.trim())];
    } else paragraph.push(line.trim());
  }
  flush();
  return blocks;
}
