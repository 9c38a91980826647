import { parseMarkdown, type Inline } from '../markdown';

function InlineText({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((part, index) => {
        if (part.kind === 'strong') return <strong key={index}>{part.text}</strong>;
        if (part.kind === 'em') return <em key={index}>{part.text}</em>;
        if (part.kind === 'code') return <code key={index}>{part.text}</code>;
        if (part.kind === 'link')
          return (
            <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
              {part.text}
            </a>
          );
        return part.text;
      })}
    </>
  );
}

/** A sheet's Markdown body as React elements (see markdown.ts: no HTML is ever injected). */
export function MarkdownText({ source }: { source: string }) {
  return (
    <div className="markdown" data-testid="markdown">
      {parseMarkdown(source).map((block, index) => {
        if (block.kind === 'heading') {
          const Heading = `h${block.level + 1}` as 'h3' | 'h4' | 'h5';
          return (
            <Heading key={index}>
              <InlineText content={block.content} />
            </Heading>
          );
        }
        if (block.kind === 'list') {
          const List = block.ordered ? 'ol' : 'ul';
          return (
            <List key={index}>
              {block.items.map((item, i) => (
                <li key={i}>
                  <InlineText content={item} />
                </li>
              ))}
            </List>
          );
        }
        return (
          <p key={index}>
            <InlineText content={block.content} />
          </p>
        );
      })}
    </div>
  );
}
