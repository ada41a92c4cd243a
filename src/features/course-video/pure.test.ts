import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseContentRange } from './append-chunk.js';
import { isWebVtt } from './captions.js';
import { chooseRenditions, hlsArguments, progressPercent } from './renditions.js';
import { checkVideoToken, videoToken } from './video-token.js';

describe('renditions', () => {
  test('never upscale, at most three, a tiny source keeps its height', () => {
    assert.deepEqual(
      chooseRenditions(2160).map((r) => r.name),
      ['360p', '720p', '1080p'],
    );
    assert.deepEqual(
      chooseRenditions(720).map((r) => r.name),
      ['240p', '360p', '720p'],
    );
    assert.deepEqual(
      chooseRenditions(480).map((r) => r.name),
      ['240p', '360p'],
    );
    assert.deepEqual(
      chooseRenditions(181).map((r) => r.name),
      ['180p'],
    );
  });

  test('ffmpeg gets an argument array with the key info file and one stream per rendition', () => {
    const args = hlsArguments({
      input: '/in',
      outDir: '/out',
      keyInfoFile: '/k',
      renditions: chooseRenditions(720),
      hasAudio: false,
    });
    assert.equal(args[args.indexOf('-hls_key_info_file') + 1], '/k');
    assert.equal(args[args.indexOf('-var_stream_map') + 1], 'v:0,name:240p v:1,name:360p v:2,name:720p');
    assert.ok(!args.includes('0:a:0'));
  });

  test('progress from out_time against the duration, never 100 before the end', () => {
    assert.equal(progressPercent('out_time_us=2000000', 4000), 50);
    assert.equal(progressPercent('out_time_ms=5000000', 4000), 99);
    assert.equal(progressPercent('frame=12', 4000), undefined);
  });
});

describe('video token', () => {
  const grant = {
    videoId: 'b8f0c0d2-7d1e-4a53-9a55-6f4d7b0e9a11',
    lessonId: 'a4f0c0d2-7d1e-4a53-9a55-6f4d7b0e9a11',
    enrolmentId: null,
    admin: false,
    expiresAt: 2_000_000_000,
  };
  test('round trip, 71 characters', () => {
    const token = videoToken('secret', grant);
    assert.equal(token.length, 71);
    assert.deepEqual(checkVideoToken('secret', grant.videoId, token, 1_000), { ok: true, grant });
  });
  test('another video, another secret, a changed byte or an expiry in the past fail', () => {
    const token = videoToken('secret', grant);
    assert.equal(checkVideoToken('secret', grant.lessonId, token).ok, false);
    assert.equal(checkVideoToken('other', grant.videoId, token).ok, false);
    assert.equal(checkVideoToken('secret', grant.videoId, `A${token.slice(1)}`).ok, false);
    assert.deepEqual(checkVideoToken('secret', grant.videoId, token, 2_000_000_001_000), {
      ok: false,
      reason: 'expired',
    });
  });
});

test('Content-Range and WebVTT are read strictly', () => {
  assert.deepEqual(parseContentRange('bytes 0-9/10'), { start: 0, end: 9, total: 10 });
  for (const bad of ['bytes 0-10/10', 'bytes 5-4/10', 'bytes */10', 'items 0-1/2', undefined]) {
    assert.equal(parseContentRange(bad), undefined, String(bad));
  }
  assert.ok(isWebVtt('\uFEFFWEBVTT\n\n'));
  assert.ok(isWebVtt('WEBVTT - captions\n'));
  assert.ok(!isWebVtt('WEBVTTX\n'));
  assert.ok(!isWebVtt('1\n00:00:01,000 --> 00:00:02,000\n'));
});
