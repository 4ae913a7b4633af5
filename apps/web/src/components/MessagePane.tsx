/**
 * A channel's messages, newest at the bottom. Scrolling near the top loads the previous page
 * and keeps the same message under the reader's eyes; new messages keep the view pinned to
 * the bottom only if it already was. Reading (focused, at the bottom) marks the channel read;
 * a "new messages" divider sits at the first unread message; a jump (search, notification)
 * loads the page around a message and highlights it.
 */
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { Message, ReadState } from '@twopointo/shared';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import { errorMessage } from '../api/api-error.ts';
import { attention } from '../api/attention.ts';
import { official, type MessagePage } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { blockedRuns } from '../chat/blocked-runs.ts';
import { withDaySeparators } from '../chat/day-separators.ts';
import { historyWindow, useDetached } from '../chat/history-window.ts';
import { compareIds, flattenHistory, hasMessage, timeline, type HistoryData } from '../chat/message-cache.ts';
import { firstUnreadId, isUnread } from '../chat/read-states.ts';
import { paneLabel, type PaneChannel } from '../chat/pane-channel.ts';
import { usePending } from '../chat/pending-store.ts';
import { retryMessage } from '../chat/send-message.ts';
import { typingText, useTyping } from '../chat/typing-store.ts';
import { Composer } from './Composer.tsx';
import { Icon } from './Icon.tsx';
import { MessageItem, PendingItem } from './MessageItem.tsx';
import { PinLine } from './pins/PinLine.tsx';
import { useToggleReaction } from './reactions/use-toggle-reaction.ts';

const PAGE = 50;
const NEAR_TOP = 150;
const NEAR_BOTTOM = 80;

/** A request to show a message: `seq` changes with every request, so the same message can be asked for twice. */
export interface JumpRequest {
  messageId: string;
  seq: number;
}

const isReading = () => document.visibilityState === 'visible' && document.hasFocus();

export function MessagePane({
  channel,
  me,
  canManageMessages,
  canAddReactions = true,
  onOpenPins,
  readState,
  onRead,
  jumpTo,
  isBlocked,
  blockedNotice,
}: {
  /** a server channel, or a DM (with its label) */
  channel: PaneChannel;
  me: { id: string; username: string };
  canManageMessages: boolean;
  /** ADD_REACTIONS (unknown: offered, the server has the last word) */
  canAddReactions?: boolean;
  /** "See all pinned messages" in a pin's system line */
  onOpenPins?: () => void;
  /** undefined until the read states are loaded */
  readState: ReadState | undefined;
  /** the newest message was seen (the caller marks it read and acks it, throttled) */
  onRead: (messageId: string) => void;
  jumpTo: JumpRequest | null;
  /** authors whose messages are folded away (blocked users) */
  isBlocked?: (authorId: string) => boolean;
  /** shown instead of the composer when the user may not write (timed out) */
  blockedNotice?: ReactNode;
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
  const [atBottom, setAtBottom] = useState(true);
  const [reading, setReading] = useState(isReading);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [jumpError, setJumpError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const toggleReaction = useToggleReaction(channel.id, setActionError);
  const composerInput = useRef<HTMLTextAreaElement>(null);
  /** jumps asked for inside the pane (a pin line's "a message"), after the caller's */
  const [localJump, setLocalJump] = useState<JumpRequest | null>(null);
  const localSeq = useRef(0);
  const endEdit = useCallback((id: string | null) => {
    setEditingId(id);
    // leaving an edit (saved or cancelled) puts the user back in the composer
    if (id === null) composerInput.current?.focus();
  }, []);
  const detached = useDetached(channel.id);
  /** the read marker the divider stays at while the messages after it are being read; null: it follows the marker */
  const [dividerPin, setDividerPin] = useState<{ after: string | null } | null>(null);
  const scrollTarget = useRef<string | null>(null);
  /** bumped to have the layout effect scroll to `scrollTarget` even when no row changed */
  const [scrollRequest, setScrollRequest] = useState(0);

  const confirmed = useMemo(() => flattenHistory(history.data), [history.data]);
  const entries = useMemo(() => timeline(confirmed, pending, me.id), [confirmed, pending, me.id]);
  const rows = useMemo(() => withDaySeparators(entries, new Date(), me.id), [entries, me.id]);
  const byId = useMemo(() => new Map(confirmed.map((m) => [m.id, m])), [confirmed]);
  const runs = useMemo(
    () =>
      isBlocked
        ? blockedRuns(
            rows.map((r) =>
              r.kind !== 'day' && r.entry.kind === 'message'
                ? { id: r.entry.message.id, authorId: r.entry.message.author.id }
                : null,
            ),
            isBlocked,
          )
        : null,
    [rows, isBlocked],
  );
  /** the first message ids of the blocked runs the reader opened */
  const [shownRuns, setShownRuns] = useState<ReadonlySet<string>>(() => new Set());
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
  const newestId = confirmed.at(-1)?.id;

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setAtBottom(true);
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
    const target = scrollTarget.current
      ? el.querySelector<HTMLElement>(`[data-message-id="${scrollTarget.current}"]`)
      : null;
    if (target) {
      scrollTarget.current = null;
      anchor.current = null;
      target.scrollIntoView({ block: 'center' });
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
      setAtBottom(pinned.current);
    } else if (a && a.oldest !== oldestId) {
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
  }, [rows, oldestId, scrollRequest]);

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
    setLocalJump(null);
    setActionError(null);
  }, [channel.id]);

  // a new jump from the caller wins over an older one of the pane
  useEffect(() => setLocalJump(null), [jumpTo]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    setAtBottom(pinned.current);
    if (el.scrollTop < NEAR_TOP) loadOlder();
  };

  // reading = this tab visible and focused
  useEffect(() => {
    const update = () => setReading(isReading());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);

  // The divider: arriving at an unread channel (opening it, or coming back to the tab) pins it at
  // the marker of that moment, so it stays while the reading moves the marker on. Otherwise it
  // follows the marker, which only shows it for messages that came while scrolled up.
  // (declared before the reading effect below, so it sees the marker from before that read)
  const lastReadId = readState?.last_read_id ?? null;
  const readStatesLoaded = readState !== undefined;
  const unread = readStatesLoaded && isUnread(channel, readState);
  const arrivedRef = useRef(false);
  useEffect(() => {
    if (!readStatesLoaded) return;
    if (!reading) {
      arrivedRef.current = false;
      return;
    }
    if (arrivedRef.current) return;
    arrivedRef.current = true;
    if (unread) setDividerPin({ after: lastReadId });
    // only the moment of arrival matters, not later changes of the marker (so they are no dependencies)
  }, [readStatesLoaded, reading]);
  const dividerAfter = dividerPin ? dividerPin.after : lastReadId;
  const dividerBefore = readStatesLoaded ? firstUnreadId(confirmed, dividerAfter, me.id) : null;

  // reading the newest message marks it read (our own just-sent one is read already)
  useEffect(() => {
    if (!reading || !atBottom || !newestId || !readStatesLoaded || scrollTarget.current) return;
    if (lastReadId === null || compareIds(newestId, lastReadId) > 0) onRead(newestId);
  }, [reading, atBottom, newestId, lastReadId, readStatesLoaded, onRead]);

  // leaving the channel from an old window: next time it opens at the present
  useEffect(
    () => () => {
      if (historyWindow.isDetached(channel.id)) {
        historyWindow.set(channel.id, false);
        qc.removeQueries({ queryKey: keys.messages(channel.id) });
      }
    },
    [channel.id, qc],
  );

  const jumpToPresent = useCallback(() => {
    setHighlightId(null);
    if (historyWindow.isDetached(channel.id)) {
      historyWindow.set(channel.id, false);
      pinned.current = true;
      setAtBottom(true);
      void qc.resetQueries({ queryKey: keys.messages(channel.id) });
    } else {
      scrollToBottom();
    }
  }, [channel.id, qc, scrollToBottom]);

  // show a message: from the loaded history if it is there, else the page around it
  const jump = localJump ?? jumpTo;
  const jumpSeq = jump?.seq;
  const jumpId = jump?.messageId;
  useEffect(() => {
    if (!jumpId) return;
    let cancelled = false;
    const key = keys.messages(channel.id);
    const show = () => {
      pinned.current = false;
      setAtBottom(false);
      scrollTarget.current = jumpId;
      setHighlightId(jumpId);
      setJumpError(null);
      setScrollRequest((n) => n + 1);
    };
    if (hasMessage(qc.getQueryData<HistoryData>(key), jumpId)) {
      show();
      return;
    }
    attention
      .around(channel.id, jumpId, PAGE)
      .then(async (page) => {
        if (cancelled) return;
        const last = channel.last_message_id;
        await qc.cancelQueries({ queryKey: key });
        if (cancelled) return;
        // the window first, then the flag: a live message never lands in the history being replaced
        qc.setQueryData<HistoryData>(key, { pages: [page], pageParams: [undefined] });
        historyWindow.set(channel.id, !!last && !page.messages.some((m) => compareIds(m.id, last) >= 0));
        show();
      })
      .catch((err: unknown) => {
        if (!cancelled) setJumpError(`Could not open that message: ${errorMessage(err)}`);
      });
    return () => {
      cancelled = true;
    };
    // a new request is a new seq; the channel's newest id may move meanwhile without re-jumping
  }, [jumpSeq, jumpId, channel.id, qc]);

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
      {dragging && <div className="drop-overlay">Drop files to upload to {paneLabel(channel)}</div>}
      <div className="messages-wrap">
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
              <div className="channel-start-icon">
                {channel.label === undefined ? (
                  '#'
                ) : channel.label.startsWith('@') ? (
                  '@'
                ) : (
                  <Icon name="users" size={36} />
                )}
              </div>
              <h2>Welcome to {paneLabel(channel)}!</h2>
              <p className="muted">This is the start of {paneLabel(channel)}.</p>
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
            const divider =
              e.kind === 'message' && e.message.id === dividerBefore ? (
                <div
                  key={`new-${row.key}`}
                  className="new-divider"
                  role="separator"
                  aria-label="New messages"
                  data-testid="new-messages-divider"
                >
                  <span>New</span>
                </div>
              ) : null;
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
            const run = runs?.get(e.message.id);
            if (run && !shownRuns.has(run.first)) {
              if (run.first !== e.message.id) return null;
              return (
                <div key={row.key} className="blocked-run" data-testid="blocked-run">
                  {run.size === 1 ? 'Blocked message' : `${run.size} blocked messages`} —{' '}
                  <button
                    className="link"
                    onClick={() => setShownRuns((s) => new Set(s).add(run.first))}
                    data-testid="blocked-run-show"
                  >
                    show
                  </button>
                </div>
              );
            }
            const item =
              e.message.type === 'pin' ? (
                <PinLine
                  key={row.key}
                  message={e.message}
                  onJump={(messageId) => setLocalJump({ messageId, seq: --localSeq.current })}
                  onOpenPins={() => onOpenPins?.()}
                />
              ) : (
                <MessageItem
                  key={row.key}
                  highlighted={highlightId === e.message.id}
                  message={e.message}
                  continued={row.continued}
                  myId={me.id}
                  canManageMessages={canManageMessages}
                  editing={editingId === e.message.id}
                  lookup={lookup}
                  onReply={setReplyTo}
                  onEdit={endEdit}
                  onImageLoad={onImageLoad}
                  canAddReactions={canAddReactions}
                  onToggleReaction={toggleReaction}
                />
              );
            return divider ? [divider, item] : item;
          })}
        </div>
        {(detached || !atBottom) && history.isSuccess && (
          <div className="jump-bar" data-testid="jump-to-present-bar">
            <span>{unread ? 'New messages below' : 'You are viewing older messages'}</span>
            <button className="link" onClick={jumpToPresent} data-testid="jump-to-present">
              Jump to present
            </button>
          </div>
        )}
      </div>
      {jumpError && (
        <div className="inline-error center pad" role="alert">
          {jumpError}
        </div>
      )}
      {actionError && (
        <div className="inline-error center pad" role="alert" data-testid="action-error">
          {actionError}{' '}
          <button className="link" onClick={() => setActionError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {/* floats over the list, so showing it does not move the messages */}
      {history.isFetchingNextPage && (
        <div className="loading-older" data-testid="loading-older">
          Loading older messages…
        </div>
      )}
      {blockedNotice ?? (
        <Composer
          inputRef={composerInput}
          channel={channel}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          droppedFiles={dropFiles}
          onDroppedTaken={() => setDropFiles(null)}
          onSent={() => {
            if (historyWindow.isDetached(channel.id)) jumpToPresent();
            pinned.current = true;
            requestAnimationFrame(scrollToBottom);
          }}
          onEditLast={() => {
            const last = [...confirmed].reverse().find((m) => m.author.id === me.id && m.type === 'default');
            if (last) setEditingId(last.id);
          }}
        />
      )}
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
