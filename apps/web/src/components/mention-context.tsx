/** Who can be mentioned where the messages are shown (the server's members and roles), and who "me" is. */
import { createContext, useContext } from 'react';
import type { Mentionable } from '../chat/mentions.ts';

export interface MentionContextValue extends Mentionable {
  myId: string;
  /** my roles in this server, null while unknown */
  myRoleIds: string[] | null;
  /** whether @everyone/@here are offered (the server decides in the end) */
  everyone: boolean;
}

export const MentionContext = createContext<MentionContextValue>({
  users: [],
  roles: [],
  myId: '',
  myRoleIds: null,
  everyone: false,
});

export const useMentions = () => useContext(MentionContext);
