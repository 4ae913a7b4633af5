/** A fenced code block: plain at once, highlighted when its language has loaded. */
import { useEffect, useState, type ReactNode } from 'react';
import { highlight, languageOf, type HighlightNode } from './highlight.ts';

function renderNodes(nodes: HighlightNode[]): ReactNode[] {
  return nodes.map((n, i) =>
    typeof n === 'string' ? (
      n
    ) : (
      <span key={i} className={n.className}>
        {renderNodes(n.children)}
      </span>
    ),
  );
}

export function CodeBlock({
  code,
  info,
  focusable = true,
}: {
  code: string;
  info: string;
  focusable?: boolean;
}) {
  const [nodes, setNodes] = useState<HighlightNode[] | null>(null);
  const language = languageOf(info);
  useEffect(() => {
    setNodes(null);
    if (!language) return;
    let live = true;
    highlight(code, info)
      .then((result) => {
        if (live) setNodes(result);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, info, language]);
  return (
    // focusable: a long line scrolls sideways, and keyboard users scroll it too
    <pre
      className="md-codeblock"
      tabIndex={focusable ? 0 : undefined}
      aria-label={language ? `Code (${language})` : 'Code'}
      data-testid="code-block"
      data-language={language ?? undefined}
    >
      <code className={nodes ? 'hljs' : undefined} data-highlighted={nodes ? 'yes' : undefined}>
        {nodes ? renderNodes(nodes) : code}
      </code>
    </pre>
  );
}
