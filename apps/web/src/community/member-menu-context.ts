/** Opening the member menu from anywhere a name or avatar shows (messages, member list). */
import { createContext, useContext } from 'react';
import type { CommunityMember, CommunityRole } from './community-api.ts';

export interface MemberMenuApi {
  /** opens the menu for a user at a point (a right click) or under an element (a button) */
  open: (userId: string, at: { x: number; y: number } | HTMLElement) => void;
  member: (userId: string) => CommunityMember | undefined;
  roles: CommunityRole[];
}

export const MemberMenuContext = createContext<MemberMenuApi | null>(null);

export const useMemberMenu = () => useContext(MemberMenuContext);
