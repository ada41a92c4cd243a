// `npm run bench -- video`: encrypted HLS segments of a ~1 GiB video streamed to
// 200 concurrent clients, each request re-checking the student's access, with
// the server's RSS before, during and after. The segments are one real ffmpeg
// segment (4 s of 720p at ~16 Mbit/s) stored 128 times under distinct keys,
// so the server reads a whole gigabyte from disk, not one cached file.
//
// Settings: BENCH_VIDEO_SECONDS (load duration, default 20), BENCH_VIDEO_CLIENTS
// (default 200), BENCH_VIDEO_SEGMENTS (default 128).

import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db/database.js';
import { runTool } from '../src/features/course-video/ffmpeg.js';
import { enrol, revokeEnrolment, seedCourseLesson } from '../src/features/course-video/testing.js';
import { videoBase } from '../src/features/course-video/video-token.js';
import { record, rssMb, startVielfach, stopProcess, tempDir } from './lib.js';
import { setUpOverHttp } from './store.js';

const SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_VIDEO_CLIENTS ?? 200);
const SEGMENTS = Number(process.env.BENCH_VIDEO_SEGMENTS ?? 128);

/** One 4-second MPEG-TS segment at a constant ~16 Mbit/s (about 8 MB). */
async function makeSegment(dir: string): Promise<string> {
  const out = join(dir, 'segment.ts');
  await runTool('ffmpeg', [
    ...['-hide_banner', '-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25', '-t', '4'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '16M', '-minrate', '16M', '-maxrate', '16M'],
    ...['-bufsize', '8M', '-x264-params', 'nal-hrd=cbr', '-f', 'mpegts', out],
  ]);
  return out;
}

type Seeded = { videoId: string; lessonId: string; enrolmentId: string; segments: string[]; bytes: number };

/** A published course whose lesson has a ready video: SEGMENTS copies of the segment in storage. */
async function seedVideo(dataDir: string, segment: string): Promise<Seeded> {
  const database = await openDatabase(`sqlite:${join(dataDir, 'vielfach.db')}`);
  try {
    const { db } = database;
    const { productId, lessonId } = await seedCourseLesson(db);
    const enrolmentId = await enrol(db, productId, 'bench-student@example.com');
    const videoId = randomUUID();
    const prefix = `course-videos/${videoId}/bench`;
    const segments = Array.from({ length: SEGMENTS }, () => randomUUID());
    mkdirSync(join(dataDir, 'files', prefix, '720p'), { recursive: true });
    for (const s of segments) copyFileSync(segment, join(dataDir, 'files', prefix, '720p', s));
    const now = new Date().toISOString();
    const playlist = ['#EXTM3U', ...segments.flatMap((s) => ['#EXTINF:4.0,', `${s}.ts`]), '#EXT-X-ENDLIST'].join('\n');
    await db
      .insertInto('course_videos')
      .values({
        ...{ id: videoId, product_id: productId, file_name: 'bench.mp4', source_key: null, status: 'ready' },
        ...{ duration_ms: SEGMENTS * 4000, width: 1280, height: 720, poster_key: null, hls_prefix: prefix },
        ...{ aes_key: randomBytes(16).toString('hex'), error: null, created_at: now, updated_at: now },
      })
      .execute();
    await db
      .insertInto('course_video_renditions')
      .values({ video_id: videoId, name: '720p', width: 1280, height: 720, bandwidth: 16_000_000, playlist })
      .execute();
    await db.updateTable('course_lessons').set({ video_id: videoId }).where('id', '=', lessonId).execute();
    return { videoId, lessonId, enrolmentId, segments, bytes: SEGMENTS * statSync(segment).size };
  } finally {
    await database.close();
  }
}

function fetchSegment(url: string, agent: Agent): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Each client walks the segments from its own starting point, one request after another, until the deadline. */
async function client(base: string, seeded: Seeded, i: number, deadline: number, agent: Agent) {
  let bytes = 0;
  let requests = 0;
  let bad = 0;
  for (let n = i; performance.now() < deadline; n++) {
    const seg = seeded.segments[n % seeded.segments.length];
    const r = await fetchSegment(`${base}/720p/${seg}.ts`, agent);
    bytes += r.bytes;
    requests++;
    if (r.status !== 200) bad++;
  }
  return { bytes, requests, bad };
}

export async function benchVideoSegments(): Promise<void> {
  const dataDir = tempDir('vf-bench-video-');
  const setup = await startVielfach(dataDir, { env: { LOG_LEVEL: 'info' } }); // the set-up link is an info line
  // The set-up link is logged right after the server listens: wait for the line.
  for (let i = 0; i < 100 && !setup.output().includes('/setup?code='); i++) await sleep(50);
  await setUpOverHttp(`http://127.0.0.1:${setup.port}`, setup.output());
  await stopProcess(setup.child);
  const seeded = await seedVideo(dataDir, await makeSegment(dataDir));
  const app = await startVielfach(dataDir);
  const pid = app.child.pid;
  const secret = readFileSync(join(dataDir, 'secret.key'), 'utf8').trim();
  const grant = { videoId: seeded.videoId, lessonId: seeded.lessonId, enrolmentId: seeded.enrolmentId, admin: false };
  const base = `http://127.0.0.1:${app.port}${videoBase(secret, { ...grant, expiresAt: Math.floor(Date.now() / 1000) + 3600 })}`;
  await sleep(2000);
  const before = rssMb(pid);
  let peak = before;
  // RSS each quarter of the run too: flat means it levels off, not that it keeps climbing.
  const quarters: number[] = [];
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const quarterly = setInterval(() => quarters.push(rssMb(pid)), (SECONDS * 1000) / 4);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => client(base, seeded, i, t0 + SECONDS * 1000, agent)),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  clearInterval(quarterly);
  agent.destroy();
  await sleep(3000);
  const after = rssMb(pid);
  const total = results.reduce(
    (a, r) => ({ bytes: a.bytes + r.bytes, requests: a.requests + r.requests, bad: a.bad + r.bad }),
    { bytes: 0, requests: 0, bad: 0 },
  );
  const gib = (seeded.bytes / 2 ** 30).toFixed(2);
  record({
    measure: `segments, ${CLIENTS} clients, ${SEGMENTS} segments (${gib} GiB)`,
    value: total.requests / seconds,
    unit: 'req/s',
    note: `${total.bad} not 200, access re-checked per request`,
  });
  record({
    measure: 'segment throughput',
    value: total.bytes / 2 ** 20 / seconds,
    unit: 'MiB/s',
    note: `${(total.bytes / 2 ** 30).toFixed(1)} GiB in ${seconds.toFixed(1)} s`,
  });
  record({
    measure: 'RSS before / peak during / after',
    value: peak,
    unit: 'MB',
    note: `${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB 3 s after`,
  });
  record({
    measure: 'RSS at each quarter of the run',
    value: quarters.at(-1) ?? null,
    unit: 'MB',
    note: quarters.map((q) => q.toFixed(0)).join(' → '),
  });
  await refundCheck(dataDir, seeded, base);
  await stopProcess(app.child);
}

/** After the run: the same token stops working once the enrolment is revoked (a refund). */
async function refundCheck(dataDir: string, seeded: Seeded, base: string) {
  const database = await openDatabase(`sqlite:${join(dataDir, 'vielfach.db')}`);
  try {
    await revokeEnrolment(database.db, seeded.enrolmentId);
  } finally {
    await database.close();
  }
  const res = await fetch(`${base}/720p/${seeded.segments[0]}.ts`);
  record({
    measure: 'a segment after the refund',
    value: res.status,
    unit: 'status',
    note: res.status === 403 ? 'refused' : 'NOT refused',
  });
}
