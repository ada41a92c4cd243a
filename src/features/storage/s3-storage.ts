import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StorageSettings } from './settings.js';
import {
  assertValidKey,
  type ByteRange,
  type ListableStorage,
  measuring,
  type SignedUrlOptions,
  type StoredObject,
  sha256Of,
} from './storage.js';

export type S3Settings = Extract<StorageSettings, { driver: 's3' }>;

/** Parts of a multipart upload: at most two are held in memory at once. */
const PART_BYTES = 8 * 1024 * 1024;

export function s3ClientFor(s: Omit<S3Settings, 'driver' | 'bucket' | 'prefix'>): S3Client {
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    // Checksums only where S3 demands them: the newer default (CRC trailers on every
    // streamed upload) is not understood by every S3-compatible service and corrupts objects on some.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Files in an S3-compatible bucket. Keys are the app's keys under an optional
 * folder of the bucket; each object carries its SHA-256 as metadata (`sha256`).
 */
export class S3Storage implements ListableStorage {
  origin?: string;
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    /** '' or a folder ending in '/'. */
    readonly root = '',
  ) {}

  private at(key: string): string {
    assertValidKey(key);
    return this.root + key;
  }

  put(stream: Readable, opts: { maxBytes?: number; prefix?: string } = {}): Promise<StoredObject> {
    return this.putAt(`${opts.prefix ?? 'files'}/${randomUUID()}`, stream, opts);
  }

  async putAt(key: string, stream: Readable, opts: { maxBytes?: number } = {}): Promise<StoredObject> {
    const Key = this.at(key);
    const seen = { size: 0, hash: createHash('sha256') };
    const body = measuring(opts.maxBytes ?? Number.MAX_SAFE_INTEGER, seen);
    stream.on('error', (err) => body.destroy(err));
    stream.pipe(body);
    // Streams in parts (a single PUT when small); on failure the parts already sent are discarded.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: body },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      stream.unpipe(body);
      await upload.abort().catch(() => {}); // AbortMultipartUpload: no parts stay behind (and are billed)
      throw body.errored ?? err;
    }
    const sha256 = seen.hash.digest('hex');
    await this.recordSha256(Key, sha256);
    return { key, sizeBytes: seen.size, sha256 };
  }

  /**
   * The hash is known only once the last byte passed, so it is written afterwards by a
   * copy onto itself (inside the service, no bytes through the app). Past 5 GiB a single
   * copy is refused: such an object keeps no recorded hash and `describe` reads it instead.
   */
  private async recordSha256(Key: string, sha256: string): Promise<void> {
    await this.client
      .send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key,
          CopySource: `${this.bucket}/${Key}`,
          MetadataDirective: 'REPLACE',
          Metadata: { sha256 },
        }),
      )
      .catch(() => {});
  }

  read(key: string, range?: ByteRange): Readable {
    const out = new PassThrough();
    const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
    this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: this.at(key), Range }))
      .then((r) => pipeline(r.Body as Readable, out))
      .catch((err: unknown) => out.destroy(err as Error));
    return out;
  }

  async size(key: string): Promise<number | undefined> {
    return (await this.head(key))?.ContentLength;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.at(key) }));
  }

  signedUrl(key: string, opts: SignedUrlOptions): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.at(key),
      ResponseContentDisposition: opts.contentDisposition,
      ResponseContentType: opts.contentType,
      ResponseCacheControl: opts.cacheControl,
    });
    return getSignedUrl(this.client, command, { expiresIn: opts.expiresInSeconds });
  }

  async servedEtag(key: string): Promise<string | undefined> {
    return (await this.head(key))?.ETag;
  }

  async *list(): AsyncIterable<string> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.root || undefined, ContinuationToken }),
      );
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.root.length);
        if (key && /^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(key)) yield key;
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async describe(key: string): Promise<StoredObject | undefined> {
    const head = await this.head(key);
    if (!head) return undefined;
    const recorded = head.Metadata?.sha256;
    const sha256 = recorded && /^[0-9a-f]{64}$/.test(recorded) ? recorded : await sha256Of(this.read(key));
    return { key, sizeBytes: head.ContentLength ?? 0, sha256 };
  }

  private async head(key: string) {
    try {
      return await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.at(key) }));
    } catch (err) {
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return undefined;
      throw err;
    }
  }
}

export function s3StorageFor(s: S3Settings): S3Storage {
  return new S3Storage(s3ClientFor(s), s.bucket, s.prefix);
}
