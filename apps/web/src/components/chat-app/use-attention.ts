/**
 * Read states and what they add up to: the unread marks of servers, channels and DMs, the tab
 * title, and reading (marked read here at once, acked to the server at most every few seconds).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { attention } from '../../api/attention.ts';
import { keys } from '../../api/query-keys.ts';
import { createAckThrottle } from '../../chat/ack-throttle.ts';
import { markReadLocally } from '../../chat/attention-cache.ts';
import { isMuted, useNotificationSettings } from '../../chat/notification-settings.ts';
import { summarize, tabTitle, toReadStates } from '../../chat/read-states.ts';
import { dmAttention } from '../../dms/dm-cache.ts';
import { useDmList } from '../../dms/use-dm-list.ts';

type Open = Parameters<typeof markReadLocally>[1];

export function useAttention(
  channelsByServer: Record<string, Channel[] | undefined>,
  open: Open | undefined,
) {
  const qc = useQueryClient();
  const settings = useNotificationSettings();
  const readStates = useQuery({
    queryKey: keys.readStates,
    queryFn: () => attention.readStates().then(toReadStates),
  });
  const summary = useMemo(
    () => summarize(channelsByServer, readStates.data, (s, c) => isMuted(settings, s, c)),
    [channelsByServer, readStates.data, settings],
  );
  const dmList = useDmList();
  const dmSummary = useMemo(() => dmAttention(dmList.data, readStates.data), [dmList.data, readStates.data]);

  useEffect(() => {
    document.title = tabTitle({
      mentions: summary.mentions + dmSummary.total.mentions,
      unread: summary.unread || dmSummary.total.unread,
    });
  }, [summary, dmSummary]);
  useEffect(() => () => void (document.title = tabTitle({ mentions: 0, unread: false })), []);

  // reading marks read here at once; the server hears at most once every few seconds per channel
  const [acks] = useState(() => createAckThrottle(attention.ack));
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') acks.flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      acks.clear();
    };
  }, [acks]);
  const onRead = useCallback(
    (mid: string) => {
      if (!open) return;
      markReadLocally(qc, open, mid);
      acks.ack(open.id, mid);
    },
    [open, qc, acks],
  );

  return { readStates, summary, dmSummary, onRead };
}
