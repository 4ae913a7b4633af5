/** Checkboxes of the people the caller shares a server with, filtered by name, up to `max` picked. */
import { useState } from 'react';
import { useMyId } from './my-id.ts';
import { useDmPeople } from './use-dm-people.ts';

export function PeoplePicker({
  picked,
  onChange,
  max,
  exclude = [],
}: {
  picked: string[];
  onChange: (ids: string[]) => void;
  max: number;
  /** already in the DM */
  exclude?: string[];
}) {
  const myId = useMyId();
  const { people, loading } = useDmPeople(myId);
  const [filter, setFilter] = useState('');
  const shown = people.filter(
    (u) => !exclude.includes(u.id) && u.username.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  const toggle = (id: string) =>
    onChange(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  return (
    <div className="people-picker">
      <input
        type="search"
        placeholder="Find people from your servers"
        aria-label="Find people"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        data-testid="people-filter"
      />
      <p className="muted small">
        {picked.length}/{max} picked
      </p>
      <div className="people-list" role="group" aria-label="People">
        {loading && <p className="muted small">Loading…</p>}
        {!loading && shown.length === 0 && <p className="muted small">Nobody to add.</p>}
        {shown.map((u) => {
          const on = picked.includes(u.id);
          return (
            <label key={u.id} className="person" data-testid="person" data-username={u.username}>
              <input
                type="checkbox"
                checked={on}
                disabled={!on && picked.length >= max}
                onChange={() => toggle(u.id)}
              />
              {u.username}
            </label>
          );
        })}
      </div>
    </div>
  );
}
