/** Transient error messages for actions that have no form of their own. */
import { useSyncExternalStore } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { Icon } from './Icon.tsx';

interface Toast {
  id: number;
  text: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function showError(err: unknown): void {
  const toast = { id: nextId++, text: errorMessage(err) };
  toasts = [...toasts, toast].slice(-4);
  emit();
  setTimeout(() => dismiss(toast.id), 7000);
}

function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function Toasts() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
  return (
    <div className="toasts" aria-live="assertive">
      {list.map((t) => (
        <div key={t.id} className="toast" role="alert" data-testid="toast">
          <span>{t.text}</span>
          <button className="icon-btn" onClick={() => dismiss(t.id)} aria-label="Dismiss">
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
