/** Two short rising tones, made with the Web Audio API (nothing to download). */
const TONES = [
  { hz: 880, at: 0 },
  { hz: 1320, at: 0.13 },
];
const TONE_SECONDS = 0.22;
const VOLUME = 0.18;

let context: AudioContext | null = null;

/** Plays the console's notification sound; silently nothing where the browser has no Web Audio or refuses it. */
export function playChime(): void {
  if (typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    // A context made before the page was interacted with starts suspended; the agent has signed in since.
    void context.resume().catch(() => undefined);
    const start = context.currentTime;
    for (const { hz, at } of TONES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(VOLUME, start + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + TONE_SECONDS);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + at);
      oscillator.stop(start + at + TONE_SECONDS);
    }
  } catch {
    // No sound is better than a broken console.
  }
}
