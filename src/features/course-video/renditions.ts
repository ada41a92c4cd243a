/**
 * Which HLS renditions a source gets and the ffmpeg arguments that make them.
 * Pure: the job spawns what this returns, the tests check it without ffmpeg.
 */
export type Rendition = { name: string; height: number; videoKbps: number; audioKbps: number };

const LADDER: readonly Rendition[] = [
  { name: '240p', height: 240, videoKbps: 400, audioKbps: 64 },
  { name: '360p', height: 360, videoKbps: 800, audioKbps: 96 },
  { name: '720p', height: 720, videoKbps: 2800, audioKbps: 128 },
  { name: '1080p', height: 1080, videoKbps: 5000, audioKbps: 128 },
];

/** The three highest ladder steps not above the source (never upscaled); a tiny source keeps its own height. */
export function chooseRenditions(sourceHeight: number): Rendition[] {
  const fitting = LADDER.filter((r) => r.height <= sourceHeight).slice(-3);
  if (fitting.length > 0) return fitting;
  const height = Math.max(2, sourceHeight - (sourceHeight % 2));
  return [{ name: `${height}p`, height, videoKbps: 300, audioKbps: 64 }];
}

/** Segment length in seconds: short enough to start quickly, long enough to keep playlists small. */
export const SEGMENT_SECONDS = 4;

export type HlsJob = {
  input: string;
  outDir: string;
  keyInfoFile: string;
  renditions: readonly Rendition[];
  hasAudio: boolean;
};

/**
 * One ffmpeg run for every rendition: a split video scaled per rendition,
 * AES-128 segments (key from the key info file), one playlist per rendition
 * in `<outDir>/<name>/`, progress as key=value lines on stdout.
 */
export function hlsArguments(job: HlsJob): string[] {
  const n = job.renditions.length;
  const split = `[0:v]split=${n}${job.renditions.map((_, i) => `[v${i}]`).join('')}`;
  const scales = job.renditions.map((r, i) => `[v${i}]scale=-2:${r.height}[o${i}]`);
  const args = ['-hide_banner', '-nostdin', '-y', '-i', job.input, '-filter_complex', [split, ...scales].join(';')];
  job.renditions.forEach((r, i) => {
    args.push('-map', `[o${i}]`);
    args.push(
      `-c:v:${i}`,
      'libx264',
      `-b:v:${i}`,
      `${r.videoKbps}k`,
      `-maxrate:v:${i}`,
      `${Math.round(r.videoKbps * 1.2)}k`,
    );
    args.push(`-bufsize:v:${i}`, `${r.videoKbps * 2}k`);
    if (job.hasAudio) args.push('-map', '0:a:0', `-c:a:${i}`, 'aac', `-b:a:${i}`, `${r.audioKbps}k`);
  });
  const streamMap = job.renditions
    .map((r, i) => (job.hasAudio ? `v:${i},a:${i},name:${r.name}` : `v:${i},name:${r.name}`))
    .join(' ');
  args.push(
    ...['-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-sc_threshold', '0'],
    ...['-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`],
    ...['-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod'],
    ...['-hls_key_info_file', job.keyInfoFile, '-hls_segment_filename', `${job.outDir}/%v/%05d.ts`],
    ...['-var_stream_map', streamMap, '-progress', 'pipe:1', '-nostats', `${job.outDir}/%v/index.m3u8`],
  );
  return args;
}

/** A poster frame a second in (or at the middle of a shorter video), at most 720 lines high. */
export function posterArguments(input: string, output: string, durationMs: number): string[] {
  const at = Math.min(1, durationMs / 2000).toFixed(2);
  const scale = 'scale=-2:min(720\\,ih)';
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-ss',
    at,
    '-i',
    input,
    '-frames:v',
    '1',
    '-vf',
    scale,
    '-q:v',
    '3',
    output,
  ];
}

/** Percent done from one `-progress` block's `out_time_us` (or `out_time_ms`, also in microseconds). */
export function progressPercent(line: string, durationMs: number): number | undefined {
  const m = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
  if (!m || durationMs <= 0) return undefined;
  return Math.max(0, Math.min(99, Math.floor((Number(m[1]) / 1000 / durationMs) * 100)));
}

/** Bits per second for the master playlist's BANDWIDTH: the rendition's peak plus audio. */
export function bandwidthOf(r: Rendition, hasAudio: boolean): number {
  return Math.round(r.videoKbps * 1.2 + (hasAudio ? r.audioKbps : 0)) * 1000;
}
