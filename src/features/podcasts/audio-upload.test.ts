import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { sniffAudioType } from './audio-upload.js';
import { transcriptTypeOf } from './episode-transcript.js';

const run = promisify(execFile);

/** The audio type read from a file's first bytes, for files ffmpeg made in each format podcast apps play. */
describe('audio recognised by its bytes', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vf-sniff-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const made = async (name: string, args: string[]) => {
    const file = join(dir, name);
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=1', ...args, file]);
    return (await readFile(file)).subarray(0, 64);
  };

  test('each format podcast apps play', async () => {
    assert.equal(sniffAudioType(await made('a.mp3', ['-c:a', 'libmp3lame'])), 'audio/mpeg');
    assert.equal(sniffAudioType(await made('b.mp3', ['-c:a', 'libmp3lame', '-id3v2_version', '0'])), 'audio/mpeg');
    assert.equal(sniffAudioType(await made('c.m4a', ['-c:a', 'aac'])), 'audio/mp4');
    assert.equal(sniffAudioType(await made('d.aac', ['-c:a', 'aac', '-f', 'adts'])), 'audio/aac');
    assert.equal(sniffAudioType(await made('e.ogg', ['-c:a', 'libvorbis'])), 'audio/ogg');
    assert.equal(sniffAudioType(await made('f.opus', ['-c:a', 'libopus'])), 'audio/opus');
    assert.equal(sniffAudioType(await made('g.flac', ['-c:a', 'flac'])), 'audio/flac');
    assert.equal(sniffAudioType(await made('h.wav', [])), 'audio/wav');
  });

  test('text, images and PDFs are not audio', () => {
    assert.equal(sniffAudioType(Buffer.from('Hello, world')), undefined);
    assert.equal(sniffAudioType(Buffer.from('%PDF-1.7\n')), undefined);
    assert.equal(sniffAudioType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])), undefined);
    assert.equal(sniffAudioType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), undefined, 'a JPEG starts with 0xFF too');
    assert.equal(sniffAudioType(Buffer.alloc(0)), undefined);
  });
});

describe('transcripts recognised by their content', () => {
  test('WebVTT (with or without a byte order mark), SRT, and neither', () => {
    assert.equal(transcriptTypeOf(Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHi')), 'text/vtt');
    assert.equal(transcriptTypeOf(Buffer.from('\uFEFFWEBVTT - Episode 1\n')), 'text/vtt');
    assert.equal(
      transcriptTypeOf(Buffer.from('\r\n1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n')),
      'application/x-subrip',
    );
    assert.equal(transcriptTypeOf(Buffer.from('WEBVTTX')), undefined);
    assert.equal(transcriptTypeOf(Buffer.from('Hi there\nthis is prose')), undefined);
  });
});
