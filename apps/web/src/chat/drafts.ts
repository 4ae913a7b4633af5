/** The unsent text of each channel's composer, kept in memory while switching channels (cleared at sign-out). */
export class DraftStore {
  private readonly byChannel = new Map<string, string>();

  get(channelId: string): string {
    return this.byChannel.get(channelId) ?? '';
  }

  /** an empty or blank draft is forgotten */
  set(channelId: string, text: string): void {
    if (text.trim()) this.byChannel.set(channelId, text);
    else this.byChannel.delete(channelId);
  }

  clear(): void {
    this.byChannel.clear();
  }
}

export const draftStore = new DraftStore();
