/** Line icons for voice (drawn here, stroked in the text colour). */
const PATHS = {
  speaker: ['M4 9h4l5-4v14l-5-4H4z', 'M16 9a4 4 0 0 1 0 6', 'M19 6a8 8 0 0 1 0 12'],
  mic: ['M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z', 'M5 11a7 7 0 0 0 14 0', 'M12 18v3'],
  headphones: ['M4 16v-4a8 8 0 0 1 16 0v4', 'M4 15h3v5H4z', 'M17 15h3v5h-3z'],
  camera: ['M3 7h12v10H3z', 'M15 10l6-3v10l-6-3'],
  screen: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  hangup: ['M3 14c5-5 13-5 18 0l-2.5 3-3.5-2v-2.5c-2-.8-4-.8-6 0V15l-3.5 2z'],
  settings: [
    'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
    'M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9L7 7M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  ],
} as const;

export type VoiceIconName = keyof typeof PATHS;

/** `off` draws a slash across (muted, deafened, camera off). */
export function VoiceIcon({
  name,
  size = 18,
  off = false,
}: {
  name: VoiceIconName;
  size?: number;
  off?: boolean;
}) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}
