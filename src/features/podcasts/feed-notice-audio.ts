/**
 * The enclosure of the feed's notices (welcome, access ended, paused): a
 * second of silence. Podcast apps drop an item without an enclosure, so a
 * notice without one would never be seen. Made in memory from silent
 * MPEG-1 Layer III frames (32 kbit/s, 32 kHz, mono: 144 bytes each, a zero
 * side-info and payload decode as silence), so no file ships with the app.
 */

const FRAME_BYTES = 144;
const FRAMES = 28; // 28 × 1152 samples at 32 kHz ≈ 1 s

function silentMp3(): Buffer {
  const frame = Buffer.alloc(FRAME_BYTES);
  // Sync, MPEG-1, Layer III, no CRC | 32 kbit/s, 32 kHz, no padding | mono.
  frame.set([0xff, 0xfb, 0x18, 0xc0]);
  return Buffer.concat(Array.from({ length: FRAMES }, () => frame));
}

export const NOTICE_AUDIO = silentMp3();
export const NOTICE_AUDIO_TYPE = 'audio/mpeg';
export const NOTICE_AUDIO_SECONDS = 1;
