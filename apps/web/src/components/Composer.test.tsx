import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/auth-session.ts';
import { draftStore } from '../chat/drafts.ts';
import { pendingStore } from '../chat/pending-store.ts';
import { Composer } from './Composer.tsx';
import { MentionContext, type MentionContextValue } from './mention-context.tsx';

const channel: Channel = {
  id: '9',
  server_id: '1',
  name: 'general',
  topic: null,
  position: 0,
  created_at: '2026-01-01T00:00:00Z',
  last_message_id: null,
  type: 'text',
  parent_id: null,
};

interface Call {
  url: string;
  method: string;
  body: unknown;
}

let calls: Call[];

beforeEach(() => {
  calls = [];
  session.setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      if (url.endsWith('/typing')) return new Response(null, { status: 204 });
      if (url.endsWith('/messages')) {
        return new Response(
          JSON.stringify({
            error: { code: 'missing_permission', message: 'Missing permission SEND_MESSAGES' },
          }),
          {
            status: 403,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
      return new Response('{}', { status: 200 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  pendingStore.clear();
  draftStore.clear();
  session.clear();
});

const mentionables: MentionContextValue = {
  users: [
    { id: '7', username: 'alice' },
    { id: '8', username: 'albert' },
  ],
  roles: [{ id: '21', name: 'mods' }],
  myId: '1',
  myRoleIds: [],
  everyone: true,
};

function renderComposer(ch: Channel = channel) {
  const onSent = vi.fn();
  const ui = (c: Channel) => (
    <QueryClientProvider client={new QueryClient()}>
      <MentionContext.Provider value={mentionables}>
        <Composer
          key={c.id}
          channel={c}
          replyTo={null}
          onCancelReply={() => undefined}
          droppedFiles={null}
          onDroppedTaken={() => undefined}
          onSent={onSent}
          onEditLast={() => undefined}
        />
      </MentionContext.Provider>
    </QueryClientProvider>
  );
  const view = render(ui(ch));
  const input = () => screen.getByTestId('composer-input') as HTMLTextAreaElement;
  return { input: input(), onSent, switchTo: (c: Channel) => view.rerender(ui(c)), current: input };
}

/** types as a person does: the value changes with the caret at its end (where setting a value puts it) */
function type(input: HTMLTextAreaElement, value: string) {
  fireEvent.change(input, { target: { value } });
  expect(input.selectionStart).toBe(value.length);
}

const posts = (suffix: string) => calls.filter((c) => c.method === 'POST' && c.url.endsWith(suffix));

describe('Composer', () => {
  it('Enter sends, Shift+Enter does not', async () => {
    const { input, onSent } = renderComposer();
    fireEvent.change(input, { target: { value: 'line one' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(onSent).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(onSent).toHaveBeenCalledOnce();
    expect(input.value).toBe('');
    expect(pendingStore.get('9').map((p) => p.content)).toEqual(['line one']);
    await vi.waitFor(() => expect(posts('/channels/9/messages')).toHaveLength(1));
    expect(posts('/channels/9/messages')[0]!.body).toEqual({ content: 'line one' });
    // the refusal is kept, in words, on the pending message
    await vi.waitFor(() => expect(pendingStore.get('9')[0]!.status).toBe('failed'));
    expect(pendingStore.get('9')[0]!.error).toBe('Missing permission SEND_MESSAGES');
  });

  it('does not send blank messages', () => {
    const { input, onSent } = renderComposer();
    fireEvent.change(input, { target: { value: '   \n ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSent).not.toHaveBeenCalled();
  });

  it('announces typing at most every 8 seconds', async () => {
    const now = vi.spyOn(Date, 'now');
    let t = 1_000_000;
    now.mockImplementation(() => t);
    const { input } = renderComposer();
    for (const v of ['h', 'he', 'hel']) fireEvent.change(input, { target: { value: v } });
    await vi.waitFor(() => expect(posts('/typing')).toHaveLength(1));
    t += 7_000;
    fireEvent.change(input, { target: { value: 'hell' } });
    t += 1_500;
    fireEvent.change(input, { target: { value: 'hello' } });
    await vi.waitFor(() => expect(posts('/typing')).toHaveLength(2));
    now.mockRestore();
  });

  it('@ offers members and roles; Enter picks one, shows @name and sends the token', async () => {
    const { input } = renderComposer();
    type(input, 'hi @al');
    const options = screen.getAllByTestId('mention-option').map((o) => o.textContent);
    expect(options).toEqual(['@albertmember', '@alicemember']);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('hi @alice ');
    expect(screen.queryByTestId('mention-autocomplete')).toBeNull();
    expect(calls.filter((c) => c.url.endsWith('/messages'))).toHaveLength(0);
    type(input, 'hi @alice and @mo');
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(input.value).toBe('hi @alice and @mods ');
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    await vi.waitFor(() => expect(posts('/channels/9/messages')).toHaveLength(1));
    expect(posts('/channels/9/messages')[0]!.body).toEqual({ content: 'hi <@7> and <@&21>' });
  });

  it('Escape closes the suggestions; @everyone is offered', () => {
    const { input } = renderComposer();
    type(input, '@ev');
    expect(screen.getAllByTestId('mention-option').map((o) => o.dataset.kind)).toEqual(['everyone']);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('mention-autocomplete')).toBeNull();
  });

  it('keeps each channel’s draft while switching channels', () => {
    const other: Channel = { ...channel, id: '10', name: 'random' };
    const { input, switchTo, current } = renderComposer();
    type(input, 'half a thought');
    switchTo(other);
    expect(current().value).toBe('');
    type(current(), 'elsewhere');
    switchTo(channel);
    expect(current().value).toBe('half a thought');
    switchTo(other);
    expect(current().value).toBe('elsewhere');
  });
});
