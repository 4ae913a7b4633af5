/** Which categories the user folded in the sidebar, per server, remembered in localStorage. */
import { useCallback, useState } from 'react';

const key = (sid: string) => `twopointo.collapsed.${sid}`;

function load(sid: string): Set<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(key(sid)) ?? '[]') as unknown;
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function useCollapsedCategories(sid: string): [Set<string>, (id: string) => void] {
  const [state, setState] = useState(() => ({ sid, set: load(sid) }));
  const current = state.sid === sid ? state.set : load(sid);
  if (state.sid !== sid) setState({ sid, set: current });
  const toggle = useCallback(
    (id: string) =>
      setState((s) => {
        const set = new Set(s.set);
        if (set.has(id)) set.delete(id);
        else set.add(id);
        localStorage.setItem(key(s.sid), JSON.stringify([...set]));
        return { sid: s.sid, set };
      }),
    [],
  );
  return [current, toggle];
}
