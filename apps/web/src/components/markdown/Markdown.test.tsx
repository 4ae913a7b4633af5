import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from './Markdown.tsx';

afterEach(cleanup);

const md = (content: string) =>
  render(<Markdown content={content} renderText={(text, key) => <span key={key}>{text}</span>} />);

describe('markdown: Discord subset', () => {
  it('bold, italic, underline, strike, inline code', () => {
    const { container } = md('**b** *i* _j_ __u__ ~~s~~ `c`');
    expect(container.querySelector('strong')?.textContent).toBe('b');
    expect([...container.querySelectorAll('em')].map((e) => e.textContent)).toEqual(['i', 'j']);
    expect(container.querySelector('u')?.textContent).toBe('u');
    expect(container.querySelector('s')?.textContent).toBe('s');
    expect(container.querySelector('code.md-code')?.textContent).toBe('c');
  });

  it('quotes: "> " per line, ">>> " for the rest, never nested', () => {
    const { container } = md('> one\n> two\nafter\n>>> rest\n> still in');
    const quotes = [...container.querySelectorAll('blockquote')];
    expect(quotes.map((q) => q.textContent)).toEqual(['onetwo', 'rest> still in']);
    expect(container.textContent).toContain('after');
    expect(container.querySelector('blockquote blockquote')).toBeNull();
  });

  it('lists, headings 1–3 (deeper stays text), no tables, images, rules or indented code', () => {
    const { container } = md(
      '- a\n- b\n\n1. x\n2. y\n\n# H\n#### deep\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![i](https://x.y/i.png)\n\n---\n\n    indented',
    );
    expect([...container.querySelectorAll('ul li')].map((l) => l.textContent)).toEqual(['a', 'b']);
    expect([...container.querySelectorAll('ol li')].map((l) => l.textContent)).toEqual(['x', 'y']);
    expect(container.querySelector('h1')?.textContent).toBe('H');
    expect(container.querySelector('h4')).toBeNull();
    expect(container.textContent).toContain('#### deep');
    for (const tag of ['table', 'img', 'hr', 'pre']) expect(container.querySelector(tag)).toBeNull();
  });

  it('fenced code is text, then highlighted lazily for a known language', async () => {
    const { container } = md('```js\nconst a = "<b>x</b>";\n```');
    const code = container.querySelector('pre code')!;
    expect(code.textContent).toBe('const a = "<b>x</b>";');
    await waitFor(() => expect(code.getAttribute('data-highlighted')).toBe('yes'));
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('const');
    expect(code.querySelector('b')).toBeNull();
    expect(code.textContent).toBe('const a = "<b>x</b>";');
  });

  it('a fence with an unknown language stays plain', () => {
    const { container } = md('```nope\n<script>x</script>\n```');
    expect(container.querySelector('pre')?.dataset.language).toBeUndefined();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('pre')?.textContent).toBe('<script>x</script>');
  });

  it('spoilers cover until clicked; a link inside does not open while covered', () => {
    const { container } = md('a ||secret **b** https://x.y|| c');
    const spoiler = screen.getByTestId('spoiler');
    expect(spoiler.getAttribute('data-revealed')).toBeNull();
    const link = spoiler.querySelector('a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    act(() => {
      link.dispatchEvent(click);
    });
    expect(click.defaultPrevented).toBe(true);
    expect(screen.getByTestId('spoiler').getAttribute('data-revealed')).toBe('true');
    expect(container.querySelector('.spoiler strong')?.textContent).toBe('b');
  });

  it('spoiler markers without a partner, empty pairs and "nested" pairs stay safe', () => {
    expect(md('||').container.textContent).toBe('||');
    cleanup();
    expect(md('||||').container.textContent).toBe('||||');
    cleanup();
    const { container } = md('||a ||b|| c||');
    expect([...container.querySelectorAll('.spoiler')].map((s) => s.textContent)).toEqual(['a ', ' c']);
    expect(container.textContent).toBe('a b c');
  });

  it('bare http(s) and www. links become anchors; other bare words and schemes do not', () => {
    const { container } = md(
      'see https://example.com/a_b_c, www.example.org and example.com or ftp://x.y mail@x.y',
    );
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['https://example.com/a_b_c', 'https://example.com/a_b_c'],
      ['www.example.org', 'http://www.example.org/'],
    ]);
    for (const a of links) expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  });

  it('a masked link asks before leaving, naming the host', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    md('[docs](https://docs.example.com/x)');
    fireEvent.click(screen.getByTestId('masked-link'));
    expect(screen.getByTestId('leave-host').textContent).toBe('docs.example.com');
    expect(screen.getByTestId('leave-dialog').textContent).toContain('You are leaving twopointo');
    expect(open).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('leave-confirm'));
    expect(open).toHaveBeenCalledWith('https://docs.example.com/x', '_blank', 'noopener,noreferrer');
    expect(screen.queryByTestId('leave-dialog')).toBeNull();
    open.mockRestore();
  });
});

describe('markdown inside something clickable', () => {
  it('shows links and spoilers without anything to operate (no nested controls)', () => {
    const { container } = render(
      <Markdown
        content={'[docs](https://x.y) https://a.b ||hidden|| \n```js\nlet a\n```'}
        renderText={(text, key) => <span key={key}>{text}</span>}
        interactive={false}
      />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('[role="button"]')).toBeNull();
    expect(container.querySelector('[tabindex]')).toBeNull();
    expect(container.textContent).toContain('docs');
    expect(container.querySelector('.spoiler .spoiler-content')?.textContent).toBe('hidden');
  });
});
