/** Search results for the current server, grouped by channel; a result opens the message in its channel. */
import { useQuery } from '@tanstack/react-query';
import type { Channel, Server } from '@twopointo/shared';
import { useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { attention } from '../api/attention.ts';
import { keys } from '../api/query-keys.ts';
import { groupByChannel, type ParsedSearch } from '../chat/search-query.ts';
import { Avatar } from './Avatar.tsx';
import { Icon } from './Icon.tsx';
import { formatTime } from './MessageItem.tsx';
import { MessageText } from './MessageText.tsx';

export const SEARCH_PAGE = 25;

export function SearchPanel({
  server,
  channels,
  text,
  parsed,
  onOpen,
  onClose,
}: {
  server: Server;
  channels: Channel[] | undefined;
  /** what was typed, for the cache key and the heading */
  text: string;
  parsed: ParsedSearch;
  onOpen: (channelId: string, messageId: string) => void;
  onClose: () => void;
}) {
  const [offset, setOffset] = useState(0);
  const empty = Object.keys(parsed.params).length === 0;
  const results = useQuery({
    queryKey: keys.search(server.id, text, offset),
    queryFn: () => attention.search(server.id, { ...parsed.params, limit: SEARCH_PAGE, offset }),
    enabled: !empty,
    staleTime: 0,
    retry: false,
  });
  const channelName = (id: string) => channels?.find((c) => c.id === id)?.name ?? 'unknown channel';
  const total = results.data?.total ?? 0;

  return (
    <aside className="search-panel" aria-label="Search results" data-testid="search-panel">
      <div className="search-head">
        <strong data-testid="search-total">
          {results.isSuccess
            ? `${total}${results.data.total_capped ? '+' : ''} ${total === 1 ? 'result' : 'results'}`
            : 'Searching…'}
        </strong>
        <button className="icon-btn" onClick={onClose} aria-label="Close search" data-testid="search-close">
          <Icon name="close" />
        </button>
      </div>
      {parsed.unknown.length > 0 && (
        <p className="muted small pad">Ignored (nothing by that name): {parsed.unknown.join(', ')}</p>
      )}
      {empty && <p className="muted pad">Type words to find, or from:name, in:channel, has:link.</p>}
      {results.isError && (
        <div className="inline-error pad" role="alert">
          {errorMessage(results.error)}
        </div>
      )}
      {results.isSuccess && total === 0 && <p className="muted pad">Nothing found.</p>}
      {groupByChannel(results.data?.messages ?? []).map((group) => (
        <section key={group.channelId} className="search-group" data-testid="search-group">
          <h3>
            <span className="hash">#</span>
            {channelName(group.channelId)}
          </h3>
          {group.messages.map((m) => (
            <button
              key={m.id}
              className="search-result"
              onClick={() => onOpen(m.channel_id, m.id)}
              data-testid="search-result"
              data-message-id={m.id}
            >
              <Avatar id={m.author.id} name={m.author.username} size={32} />
              <span className="search-result-main">
                <span className="message-head">
                  <span className="author">{m.author.username}</span>
                  <time dateTime={m.created_at}>
                    {new Date(m.created_at).toLocaleDateString()} {formatTime(m.created_at)}
                  </time>
                </span>
                <span className="search-result-text">
                  <MessageText content={m.content} resolved={m} interactive={false} />
                  {m.attachments.length > 0 && (
                    <span className="muted small"> · {m.attachments.length} attachment(s)</span>
                  )}
                </span>
              </span>
            </button>
          ))}
        </section>
      ))}
      {total > SEARCH_PAGE && (
        <div className="search-pages">
          <button
            className="btn btn-secondary btn-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - SEARCH_PAGE))}
          >
            Newer
          </button>
          <span className="muted small">
            {offset + 1}–{Math.min(offset + SEARCH_PAGE, total)} of {total}
          </span>
          <button
            className="btn btn-secondary btn-small"
            disabled={offset + SEARCH_PAGE >= total}
            onClick={() => setOffset(offset + SEARCH_PAGE)}
          >
            Older
          </button>
        </div>
      )}
    </aside>
  );
}
