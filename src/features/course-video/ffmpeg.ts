import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** ffmpeg and ffprobe from the system (Debian's packages), spawned with argument arrays: no shell. */

export type Probe = { durationMs: number; width: number; height: number; hasAudio: boolean };

type RunOptions = { onLine?: (line: string) => void; signal?: AbortSignal };

/** Runs a tool; resolves with stdout (unless streamed to onLine), rejects with the end of stderr. */
export function runTool(cmd: 'ffmpeg' | 'ffprobe', args: string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    let out = '';
    let err = '';
    if (opts.onLine) createInterface({ input: child.stdout }).on('line', opts.onLine);
    else child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    // Only the end of stderr is kept: ffmpeg's log of a long run would otherwise fill memory.
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} exited with ${code}: ${lastLines(err)}`));
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
}

/** Duration, picture size and whether there is sound; throws when the file holds no video. */
export async function probe(file: string): Promise<Probe> {
  const json = await runTool('ffprobe', [
    ...['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
  ]);
  const data = JSON.parse(json) as {
    format?: { duration?: string };
    streams?: { codec_type?: string; width?: number; height?: number; duration?: string }[];
  };
  const video = data.streams?.find((s) => s.codec_type === 'video' && s.width && s.height);
  if (!video?.width || !video.height) throw new Error('the file holds no video stream');
  const seconds = Number(data.format?.duration ?? video.duration ?? 0);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('the video has no duration');
  return {
    durationMs: Math.round(seconds * 1000),
    width: video.width,
    height: video.height,
    hasAudio: Boolean(data.streams?.some((s) => s.codec_type === 'audio')),
  };
}
