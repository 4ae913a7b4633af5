/**
 * A channel's messages, newest at the bottom. Scrolling near the top loads the previous page
 * and keeps the same message under the reader's eyes; new messages keep the view pinned to
 * the bottom only if it already was.
 */
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, Message } from '@twopointo/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { official, type MessagePage } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { withDaySeparators } from '../chat/day-separators.ts';
import { flattenHistory, timeline } from '../chat/message-cache.ts';
import { usePending } from '../chat/pending-store.ts';
import { retryMessage } from '../chat/send-message.ts';
import { typingText, useTyping } from '../chat/typing-store.ts';
import { Composer } from './Composer.tsx';
import { MessageItem, PendingItem } from './MessageItem.tsx';

const PAGE = 50;
const NEAR_TOP = 150;
const NEAR_BOTTOM = 80;

export function MessagePane({
  channel,
  me,
  canManageMessages,
}: {
  channel: Channel;
  me: { id: string; username: string };
  canManageMessages: boolean;
}) {
  const qc = useQueryClient();
  const history = useInfiniteQuery({
    queryKey: keys.messages(channel.id),
    queryFn: ({ pageParam }) => official.messages(channel.id, pageParam, PAGE),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: MessagePage) => (last.has_more ? last.messages.at(-1)?.id : undefined),
  });
  const pending = usePending(channel.id);
  const typists = useTyping(channel.id);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [dropFiles, setDropFiles] = useState<File[] | null>(null);
  const [dragging, setDragging] = useState(false);

  const confirmed = useMemo(() => flattenHistory(history.data), [history.data]);
  const entries = useMemo(() => timeline(confirmed, pending, me.id), [confirmed, pending, me.id]);
  const rows = useMemo(() => withDaySeparators(entries, new Date(), me.id), [entries, me.id]);
  const byId = useMemo(() => new Map(confirmed.map((m) => [m.id, m])), [confirmed]);
  const lookup = useCallback((id: string) => byId.get(id), [byId]);

  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  /** the message at the top of the view when older ones were asked for, and where its bottom edge was */
  const anchor = useRef<{
    height: number;
    top: number;
    oldest: string | undefined;
    id: string | null;
    bottom: number;
  } | null>(null);
  const oldestId = confirmed[0]?.id;

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (!el || !history.hasNextPage || history.isFetchingNextPage || anchor.current) return;
    const viewTop = el.getBoundingClientRect().top;
    const first = [...el.querySelectorAll<HTMLElement>('[data-message-id]')].find(
      (m) => m.getBoundingClientRect().bottom > viewTop,
    );
    anchor.current = {
      height: el.scrollHeight,
      top: el.scrollTop,
      oldest: oldestId,
      id: first?.dataset.messageId ?? null,
      bottom: first ? first.getBoundingClientRect().bottom - viewTop : 0,
    };
    history.fetchNextPage().catch(() => undefined);
  }, [history, oldestId]);

  // runs before paint, so neither the older page nor a new message makes the view jump
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const a = anchor.current;
    if (a && a.oldest !== oldestId) {
      // keep the bottom edge of that message still: its own header may vanish when it now
      // continues a run of the same author's older messages
      const same = a.id ? el.querySelector<HTMLElement>(`[data-message-id="${a.id}"]`) : null;
      if (same)
        el.scrollTop += same.getBoundingClientRect().bottom - el.getBoundingClientRect().top - a.bottom;
      else el.scrollTop = el.scrollHeight - a.height + a.top;
      anchor.current = null;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [rows, oldestId]);

  useEffect(() => {
    if (!history.isFetchingNextPage && anchor.current && anchor.current.oldest === oldestId)
      anchor.current = null;
  }, [history.isFetchingNextPage, oldestId]);

  // a first page shorter than the view cannot be scrolled up: fetch more until it can
  useEffect(() => {
    const el = scroller.current;
    if (
      el &&
      history.isSuccess &&
      history.hasNextPage &&
      !history.isFetchingNextPage &&
      el.scrollHeight <= el.clientHeight
    ) {
      loadOlder();
    }
  }, [history.isSuccess, history.hasNextPage, history.isFetchingNextPage, rows, loadOlder]);

  useEffect(() => {
    pinned.current = true;
    setReplyTo(null);
    setEditingId(null);
  }, [channel.id]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (el.scrollTop < NEAR_TOP) loadOlder();
  };

  const onImageLoad = useCallback(() => {
    if (pinned.current) scrollToBottom();
  }, [scrollToBottom]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) setDropFiles(files);
  };

  const typingNames = typists.map((t) => t.username);

  return (
    <div
      className="message-pane"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {dragging && <div className="drop-overlay">Drop files to upload to #{channel.name}</div>}
      <div className="messages" ref={scroller} onScroll={onScroll} data-testid="message-list">
        {history.isPending && <div className="muted center pad">Loading messages…</div>}
        {history.isError && (
          <div className="inline-error center pad" role="alert">
            Could not load messages: {errorMessage(history.error)}{' '}
            <button className="link" onClick={() => void history.refetch()}>
              Retry
            </button>
          </div>
        )}
        {history.isSuccess && !history.hasNextPage && (
          <div className="channel-start" data-testid="channel-start">
            <div className="channel-start-icon">#</div>
            <h2>Welcome to #{channel.name}!</h2>
            <p className="muted">This is the start of the #{channel.name} channel.</p>
          </div>
        )}

        {history.isFetchNextPageError && (
          <div className="inline-error center pad" role="alert">
            Could not load older messages.{' '}
            <button className="link" onClick={loadOlder}>
              Retry
            </button>
          </div>
        )}
        {rows.map((row) => {
          if (row.kind === 'day') {
            return (
              <div key={row.key} className="day-separator" role="separator" data-testid="day-separator">
                <span>{row.label}</span>
              </div>
            );
          }
          const e = row.entry;
          if (e.kind === 'pending') {
            return (
              <PendingItem
                key={row.key}
                pending={e.pending}
                continued={row.continued}
                me={me}
                lookup={lookup}
                onRetry={(p) => void retryMessage(qc, p)}
              />
            );
          }
          return (
            <MessageItem
              key={row.key}
              message={e.message}
              continued={row.continued}
              myId={me.id}
              canManageMessages={canManageMessages}
              editing={editingId === e.message.id}
              lookup={lookup}
              onReply={setReplyTo}
              onEdit={setEditingId}
              onImageLoad={onImageLoad}
            />
          );
        })}
      </div>
      {/* floats over the list, so showing it does not move the messages */}
      {history.isFetchingNextPage && (
        <div className="loading-older" data-testid="loading-older">
          Loading older messages…
        </div>
      )}
      <Composer
        channel={channel}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        droppedFiles={dropFiles}
        onDroppedTaken={() => setDropFiles(null)}
        onSent={() => {
          pinned.current = true;
          requestAnimationFrame(scrollToBottom);
        }}
        onEditLast={() => {
          const last = [...confirmed].reverse().find((m) => m.author.id === me.id);
          if (last) setEditingId(last.id);
        }}
      />
      <div className="typing" aria-live="polite" data-testid="typing-indicator">
        {typingNames.length > 0 && (
          <>
            <span className="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {typingText(typingNames)}
          </>
        )}
      </div>
    </div>
  );
}
