/**
 * A channel's messages, newest at the bottom. Scrolling near the top loads the previous page
 * and keeps the same message under the reader's eyes; new messages keep the view pinned to
 * the bottom only if it already was. Reading (focused, at the bottom) marks the channel read;
 * a "new messages" divider sits at the first unread message; a jump (search, notification)
 * loads the page around a message and highlights it.
 *
 * The list is virtualised (@tanstack/react-virtual): only the rows near the view are in the
 * page, so a channel scrolled back 10,000 messages stays smooth. The library places and measures
 * rows; this pane keeps the reader's place (an older page put above the view, a row above it
 * measured anew) and the bottom (a view at the bottom stays there as rows arrive or grow).
 */
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message, ReadState } from '@twopointo/shared';
import {
  memo,
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
import { withDaySeparators, type Row } from '../chat/day-separators.ts';
import { historyWindow, useDetached } from '../chat/history-window.ts';
import { compareIds, flattenHistory, hasMessage, timeline, type HistoryData } from '../chat/message-cache.ts';
import { firstUnreadId, isUnread } from '../chat/read-states.ts';
import { paneLabel, type PaneChannel } from '../chat/pane-channel.ts';
import { usePending } from '../chat/pending-store.ts';
import { retryMessage } from '../chat/send-message.ts';
import { typingText, useTyping } from '../chat/typing-store.ts';
import { imageBox } from './Attachments.tsx';
import { Composer } from './Composer.tsx';
import { Icon } from './Icon.tsx';
import { MessageItem, PendingItem } from './MessageItem.tsx';
import { PinLine } from './pins/PinLine.tsx';
import { useToggleReaction } from './reactions/use-toggle-reaction.ts';

const PAGE = 50;
const NEAR_TOP = 150;
const NEAR_BOTTOM = 80;
/**
 * Rows kept in the page beyond each edge of the view: enough that a channel's newest page is all
 * there (so find-in-page and Tab reach it), few enough that the page stays small however far
 * back the reader scrolls (about a hundred rows at most).
 */
const OVERSCAN = 40;

/** One row of the virtual list: the channel's start, a day separator, a message or a folded run. */
type ListItem = { kind: 'start'; key: string } | { kind: 'row'; key: string; row: Row };

/**
 * Rows re-render only when their own props change: scrolling re-renders the pane on every range
 * change, and the rows already on screen need not follow.
 */
const MemoMessageItem = memo(MessageItem);

const isDay = (item: ListItem | undefined) => item?.kind === 'row' && item.row.kind === 'day';

/** A first guess at a row's height before it is measured; an image's reserved box counts. */
function estimateHeight(item: ListItem | undefined): number {
  if (!item) return 40;
  if (item.kind === 'start') return 160;
  const { row } = item;
  if (row.kind === 'day') return 40;
  let h = row.continued ? 24 : 46;
  if (row.entry.kind === 'message')
    for (const a of row.entry.message.attachments) h += (imageBox(a)?.height ?? 40) + 6;
  return h;
}

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

  /** what the list shows, in order: the rows a folded blocked run hides are left out */
  const items = useMemo(() => {
    const out: ListItem[] = [];
    if (history.isSuccess && !history.hasNextPage) out.push({ kind: 'start', key: 'channel-start' });
    for (const row of rows) {
      if (row.kind === 'entry' && row.entry.kind === 'message') {
        const run = runs?.get(row.entry.message.id);
        if (run && !shownRuns.has(run.first) && run.first !== row.entry.message.id) continue;
      }
      out.push({ kind: 'row', key: row.key, row });
    }
    return out;
  }, [rows, runs, shownRuns, history.isSuccess, history.hasNextPage]);
  const indexById = useMemo(() => {
    const map = new Map<string, number>();
    items.forEach((it, i) => {
      if (it.kind === 'row' && it.row.kind === 'entry' && it.row.entry.kind === 'message')
        map.set(it.row.entry.message.id, i);
    });
    return map;
  }, [items]);

  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  // stable between renders of the same rows: the virtualiser recomputes every row's place when
  // either function changes
  const estimateSize = useCallback((i: number) => estimateHeight(items[i]), [items]);
  const getItemKey = useCallback((i: number) => items[i]?.key ?? i, [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    paddingStart: 16,
    paddingEnd: 8,
  });
  /**
   * Just after an older page came: the index of the anchor row. It and every row before it (the
   * new page, measured for the first time, and the anchor, which may lose its header to an older
   * message of the same author) move the view with them while they settle.
   */
  const settleUpTo = useRef<number | null>(null);
  // otherwise a row that starts above the view and changes height moves the view with it, so
  // what the reader looks at stays still
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) =>
    !pinned.current &&
    (item.start < (instance.scrollOffset ?? 0) ||
      (settleUpTo.current !== null && item.index <= settleUpTo.current));
  /** the row at the top of the view when older ones were asked for, and the view's top from its bottom edge */
  const anchor = useRef<{ key: string | number | bigint; offset: number; oldest: string | undefined } | null>(
    null,
  );
  const oldestId = confirmed[0]?.id;
  const newestId = confirmed.at(-1)?.id;
  const totalSize = virtualizer.getTotalSize();

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setAtBottom(true);
  }, []);

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (!el || !history.hasNextPage || history.isFetchingNextPage || anchor.current) return;
    // a message's row: a day separator or the channel's start moves to the new top with the page
    const top = virtualizer
      .getVirtualItems()
      .find((v) => v.end > el.scrollTop && items[v.index]?.kind === 'row' && !isDay(items[v.index]));
    anchor.current = top
      ? { key: top.key, offset: el.scrollTop - top.end, oldest: oldestId }
      : { key: '', offset: 0, oldest: oldestId };
    history.fetchNextPage().catch(() => undefined);
  }, [history, oldestId, virtualizer, items]);

  // runs before paint, so neither an older page, nor a new message, nor a row measured anew makes
  // the view jump; a jump's target is brought to the middle
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const target = scrollTarget.current;
    const index = target ? indexById.get(target) : undefined;
    const a = anchor.current;
    if (target && index !== undefined) {
      scrollTarget.current = null;
      anchor.current = null;
      virtualizer.scrollToIndex(index, { align: 'center' });
      pinned.current = false;
      setAtBottom(false);
    } else if (a && a.oldest !== oldestId) {
      anchor.current = null;
      const i = items.findIndex((it) => it.key === a.key);
      const row = i >= 0 ? virtualizer.measurementsCache[i] : undefined;
      if (row) {
        el.scrollTop = row.end + a.offset;
        settleUpTo.current = i;
        setTimeout(() => {
          if (settleUpTo.current === i) settleUpTo.current = null;
        }, 1000);
      }
    } else if (pinned.current && items.length > 0) {
      el.scrollTop = el.scrollHeight;
    }
  }, [items, indexById, oldestId, totalSize, scrollRequest, virtualizer]);

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

  /** one row of the list, as it was drawn before the list was virtualised */
  const renderRow = (row: Row): ReactNode => {
    if (row.kind === 'day') {
      return (
        <div className="day-separator" role="separator" data-testid="day-separator">
          <span>{row.label}</span>
        </div>
      );
    }
    const e = row.entry;
    if (e.kind === 'pending') {
      return (
        <PendingItem
          pending={e.pending}
          continued={row.continued}
          me={me}
          replyTarget={e.pending.reply_to_id ? byId.get(e.pending.reply_to_id) : undefined}
          onRetry={(p) => void retryMessage(qc, p)}
        />
      );
    }
    const divider =
      e.message.id === dividerBefore ? (
        <div
          className="new-divider"
          role="separator"
          aria-label="New messages"
          data-testid="new-messages-divider"
        >
          <span>New</span>
        </div>
      ) : null;
    const run = runs?.get(e.message.id);
    if (run && !shownRuns.has(run.first)) {
      return (
        <>
          {divider}
          <div className="blocked-run" data-testid="blocked-run">
            {run.size === 1 ? 'Blocked message' : `${run.size} blocked messages`} —{' '}
            <button
              className="link"
              onClick={() => setShownRuns((s) => new Set(s).add(run.first))}
              data-testid="blocked-run-show"
            >
              show
            </button>
          </div>
        </>
      );
    }
    return (
      <>
        {divider}
        {e.message.type === 'pin' ? (
          <PinLine
            message={e.message}
            onJump={(messageId) => setLocalJump({ messageId, seq: --localSeq.current })}
            onOpenPins={() => onOpenPins?.()}
          />
        ) : (
          <MemoMessageItem
            highlighted={highlightId === e.message.id}
            message={e.message}
            continued={row.continued}
            myId={me.id}
            canManageMessages={canManageMessages}
            editing={editingId === e.message.id}
            replyTarget={e.message.reply_to_id ? byId.get(e.message.reply_to_id) : undefined}
            onReply={setReplyTo}
            onEdit={endEdit}
            onImageLoad={onImageLoad}
            canAddReactions={canAddReactions}
            onToggleReaction={toggleReaction}
          />
        )}
      </>
    );
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
          <div
            className="virtual-list"
            style={{ height: virtualizer.getTotalSize() }}
            data-testid="message-rows"
          >
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index];
              if (!item) return null;
              return (
                <div
                  key={v.key}
                  className="virtual-row"
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${v.start}px)` }}
                >
                  {item.kind === 'start' ? (
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
                  ) : (
                    renderRow(item.row)
                  )}
                </div>
              );
            })}
          </div>
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
      {history.isFetchNextPageError && (
        <div className="inline-error center pad" role="alert">
          Could not load older messages.{' '}
          <button className="link" onClick={loadOlder}>
            Retry
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
