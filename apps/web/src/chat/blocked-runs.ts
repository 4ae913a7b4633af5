/**
 * Messages of blocked users are folded away: each run of them (consecutive, as the list shows
 * them) becomes one "Blocked message — show" line until the reader opens that run.
 */

/** Where each message of a blocked author sits in its run, by message id. */
export interface BlockedRun {
  /** the run's first message id (its key: opening it opens the run) */
  first: string;
  /** messages in the run */
  size: number;
}

/**
 * For the messages in display order (`null` for anything else that breaks a run, e.g. another
 * author's message), the run each blocked message belongs to.
 */
export function blockedRuns(
  ids: readonly ({ id: string; authorId: string } | null)[],
  isBlocked: (authorId: string) => boolean,
): Map<string, BlockedRun> {
  const out = new Map<string, BlockedRun>();
  let run: BlockedRun | null = null;
  for (const m of ids) {
    if (m && isBlocked(m.authorId)) {
      if (!run) run = { first: m.id, size: 0 };
      run.size++;
      out.set(m.id, run);
    } else {
      run = null;
    }
  }
  return out;
}
