import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export interface ObjectStoreConfig {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
}

/** What checkpoint and restore need from an S3-compatible store (Cloudflare R2 in production). */
export interface ObjectStore {
  readonly bucket: string;
  /** Streams a file up (multipart above one part) and answers the sha256 of what was sent. */
  putFile(
    key: string,
    filePath: string,
    signal?: AbortSignal,
  ): Promise<{ sha256: string; bytes: number }>;
  putJson(key: string, value: unknown): Promise<void>;
  getJson(key: string): Promise<unknown>;
  /** Streams an object into a file and answers the sha256 of what was written. */
  downloadToFile(
    key: string,
    filePath: string,
    signal?: AbortSignal,
  ): Promise<{ sha256: string; bytes: number }>;
  listKeys(prefix: string): Promise<Array<{ key: string; size: number }>>;
  deleteObject(key: string): Promise<void>;
}

const PART_SIZE = 16 * 1024 * 1024;
const PART_QUEUE = 4;

function hashingStream() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}

export function createS3Client(config: ObjectStoreConfig): S3Client {
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // R2 and S3 stand-ins accept plain payloads; the SDK's default trailing checksums they do not.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function createObjectStore(config: ObjectStoreConfig, client = createS3Client(config)) {
  const Bucket = config.bucket;

  const store: ObjectStore = {
    bucket: Bucket,

    async putFile(key, filePath, signal) {
      const hashed = hashingStream();
      const body = new PassThrough();
      const reading = pipeline(fs.createReadStream(filePath), hashed.stream, body);
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: body },
        partSize: PART_SIZE,
        queueSize: PART_QUEUE,
        abortController: signal ? abortControllerOf(signal) : undefined,
      });
      try {
        await Promise.all([upload.done(), reading]);
      } catch (error) {
        body.destroy();
        throw error;
      }
      return hashed.result();
    },

    async putJson(key, value) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: JSON.stringify(value),
          ContentType: 'application/json',
        }),
      );
    },

    async getJson(key) {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      return JSON.parse(await answer.Body!.transformToString('utf8'));
    },

    async downloadToFile(key, filePath, signal) {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }), {
        abortSignal: signal,
      });
      const hashed = hashingStream();
      await pipeline(
        answer.Body as NodeJS.ReadableStream,
        hashed.stream,
        fs.createWriteStream(filePath),
        { signal },
      );
      return hashed.result();
    },

    async listKeys(prefix) {
      const keys: Array<{ key: string; size: number }> = [];
      for await (const page of paginateListObjectsV2({ client }, { Bucket, Prefix: prefix })) {
        for (const entry of page.Contents ?? []) {
          if (entry.Key) keys.push({ key: entry.Key, size: entry.Size ?? 0 });
        }
      }
      return keys;
    },

    async deleteObject(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
  return store;
}

function abortControllerOf(signal: AbortSignal): AbortController {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller;
}
