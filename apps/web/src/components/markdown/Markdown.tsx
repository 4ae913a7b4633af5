/**
 * Renders parsed markdown (markdown.ts) as React elements: every string reaches the page as a
 * text node, links only with an http(s) href. Plain text runs go through `renderText` (the
 * mention pills); code, code blocks and link targets never do.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import { CodeBlock } from './CodeBlock.tsx';
import { MaskedLink } from './MaskedLink.tsx';
import { isLinkableText, parseMarkdown, safeHref, type Token } from './markdown.ts';
import { Spoiler } from './Spoiler.tsx';

interface Node {
  token: Token;
  children: Node[];
}

/** markdown-it's flat open/close stream as a tree (an unmatched close is ignored). */
function toTree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    if (token.nesting === 1) {
      const node: Node = { token, children: [] };
      stack.at(-1)!.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      stack.at(-1)!.push({ token, children: token.children ? toTree(token.children) : [] });
    }
  }
  return root;
}

type TextRenderer = (text: string, key: string) => ReactNode;

const plainText = (nodes: Node[]): string =>
  nodes.map((n) => (n.token.type === 'text' ? n.token.content : plainText(n.children))).join('');

interface RenderContext {
  renderText: TextRenderer;
  /** false inside something clickable (a search result): links and spoilers are shown, not operable */
  interactive: boolean;
}

function renderNode(node: Node, key: string, ctx: RenderContext): ReactNode {
  const { token } = node;
  const { renderText, interactive } = ctx;
  const kids = () => node.children.map((c, i) => renderNode(c, `${key}.${i}`, ctx));
  switch (token.type) {
    case 'text':
      return token.content ? renderText(token.content, key) : null;
    case 'softbreak':
    case 'hardbreak':
      return <br key={key} />;
    case 'code_inline':
      return (
        <code key={key} className="md-code">
          {token.content}
        </code>
      );
    case 'fence':
      return (
        <CodeBlock
          key={key}
          code={token.content.replace(/\n$/, '')}
          info={token.info}
          focusable={interactive}
        />
      );
    case 'inline':
      return <Fragment key={key}>{kids()}</Fragment>;
    case 'paragraph_open':
      // a tight list's paragraphs are hidden: their text sits in the item itself
      return token.hidden ? (
        <Fragment key={key}>{kids()}</Fragment>
      ) : (
        <div key={key} className="md-p">
          {kids()}
        </div>
      );
    case 'strong_open':
      return token.markup === '__' ? <u key={key}>{kids()}</u> : <strong key={key}>{kids()}</strong>;
    case 'em_open':
      return <em key={key}>{kids()}</em>;
    case 's_open':
      return <s key={key}>{kids()}</s>;
    case 'spoiler_open':
      return interactive ? (
        <Spoiler key={key}>{kids()}</Spoiler>
      ) : (
        <span key={key} className="spoiler" data-testid="spoiler">
          <span className="spoiler-content" aria-hidden="true">
            {kids()}
          </span>
        </span>
      );
    case 'blockquote_open':
      return (
        <blockquote key={key} className="md-quote">
          {kids()}
        </blockquote>
      );
    case 'bullet_list_open':
      return (
        <ul key={key} className="md-list">
          {kids()}
        </ul>
      );
    case 'ordered_list_open': {
      const start = Number(token.attrGet('start') ?? 1);
      return (
        <ol key={key} className="md-list" start={Number.isSafeInteger(start) ? start : 1}>
          {kids()}
        </ol>
      );
    }
    case 'list_item_open':
      return <li key={key}>{kids()}</li>;
    case 'heading_open': {
      const level = token.markup.length;
      if (level > 3)
        return (
          <div key={key} className="md-p">
            {renderText(`${token.markup} `, `${key}.m`)}
            {kids()}
          </div>
        );
      const Tag = `h${level}` as 'h1' | 'h2' | 'h3';
      return (
        <Tag key={key} className="md-heading">
          {kids()}
        </Tag>
      );
    }
    case 'link_open': {
      const href = safeHref(String(token.attrGet('href') ?? ''));
      const bare = token.markup === 'linkify' || token.markup === 'autolink';
      if (!href || (token.markup === 'linkify' && !isLinkableText(plainText(node.children))))
        return <Fragment key={key}>{kids()}</Fragment>;
      if (!interactive)
        return (
          <span key={key} className="link-text">
            {kids()}
          </span>
        );
      if (bare)
        return (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
            {kids()}
          </a>
        );
      return (
        <MaskedLink key={key} href={href}>
          {kids()}
        </MaskedLink>
      );
    }
    default:
      // anything else markdown-it may produce shows its text, never markup
      return node.children.length > 0 ? (
        <Fragment key={key}>{kids()}</Fragment>
      ) : token.content ? (
        renderText(token.content, key)
      ) : null;
  }
}

export function Markdown({
  content,
  renderText,
  interactive = true,
}: {
  content: string;
  renderText: TextRenderer;
  interactive?: boolean;
}) {
  const tree = useMemo(() => toTree(parseMarkdown(content)), [content]);
  const ctx = { renderText, interactive };
  return <>{tree.map((n, i) => renderNode(n, String(i), ctx))}</>;
}
