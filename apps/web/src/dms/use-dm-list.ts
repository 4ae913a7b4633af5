/** The caller's open DMs (GET /api/me/channels), one query for every screen that lists them. */
import { useQuery } from '@tanstack/react-query';
import { dms } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';

export const useDmList = () => useQuery({ queryKey: keys.dms, queryFn: dms.list });
