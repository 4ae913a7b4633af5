/** The name a channel gets from what is typed: lower case, dashes for spaces ("General Chat" → general-chat). */
export function channelSlug(input: string): string {
  return input.trim().toLowerCase().replace(/\s+/g, '-').replace(/-{2,}/g, '-').slice(0, 100);
}
