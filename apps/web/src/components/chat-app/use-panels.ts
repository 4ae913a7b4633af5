/**
 * What is open beside the conversation: the channel drawer (narrow screens), the member list
 * (a side column when there is room, an overlay when not), the pinned messages, and search.
 */
import { useEffect, useState } from 'react';

export function usePanels() {
  const [channelsOpen, setChannelsOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(() => window.innerWidth >= 1000);
  const [pinsOpen, setPinsOpen] = useState(false);
  const [searchInput, setSearchInput] = useState('');
  const [searchText, setSearchText] = useState<string | null>(null);

  // the member list is a side column when there is room and an overlay when not
  useEffect(() => {
    const narrow = window.matchMedia('(max-width: 1000px)');
    const onChange = () => setMembersOpen(!narrow.matches);
    narrow.addEventListener('change', onChange);
    return () => narrow.removeEventListener('change', onChange);
  }, []);

  // Escape closes whichever drawer covers the chat (a dialog on top handles its own Escape first)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      setChannelsOpen(false);
      if (window.matchMedia('(max-width: 1000px)').matches) setMembersOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return {
    channelsOpen,
    setChannelsOpen,
    membersOpen,
    setMembersOpen,
    pinsOpen,
    setPinsOpen,
    searchInput,
    setSearchInput,
    searchText,
    setSearchText,
  };
}

export type Panels = ReturnType<typeof usePanels>;
