import { AwsV4Signer } from "aws4fetch";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { DocumentStorage } from "../lib/document-storage";

export interface S3Options {
  /** e.g. https://s3.fr-par.scw.cloud (path-style requests: <endpoint>/<bucket>/<key>). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Per request, default 30 s. */
  timeoutMs?: number;
}

export interface S3Request {
  method: string;
  url: URL;
  /** Extra headers; every one is signed (S3 accepts signed `range`, `content-type`...). */
  headers?: Record<string, string>;
  body: Uint8Array;
}

/**
 * The headers of a request signed with AWS Signature Version 4 for S3, by aws4fetch's signer
 * (maintained, checked against AWS's published vectors in `s3-storage.client.test.ts`). The payload
 * hash is sent and signed, never `UNSIGNED-PAYLOAD`: the store checks the bytes it receives.
 */
export async function signS3Request(credentials: Pick<S3Options, "accessKeyId" | "secretAccessKey" | "region">, request: S3Request, now = new Date()): Promise<Record<string, string>> {
  const signer = new AwsV4Signer({
    method: request.method,
    url: request.url.toString(),
    headers: { ...request.headers, "x-amz-content-sha256": createHash("sha256").update(request.body).digest("hex") },
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    region: credentials.region,
    service: "s3",
    datetime: now.toISOString().replace(/[-:]|\.\d{3}/g, ""),
    // Sign what we send, `range` and `content-type` included (aws4fetch leaves those out by default).
    allHeaders: true,
  });
  const { headers } = await signer.sign();
  return Object.fromEntries(headers.entries());
}

/** A key's path segments encoded as S3's canonical URI expects them (RFC 3986 unreserved kept). */
function encodeKey(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}

/**
 * Documents in an S3-compatible object store (Scaleway, OVH, MinIO, AWS...): PUT, GET and
 * DELETE Object, path-style, signed with AWS Signature Version 4; no SDK.
 */
export class S3Storage implements DocumentStorage {
  constructor(private readonly options: S3Options) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const response = await this.request("PUT", key, bytes);
    if (!response.ok) throw new Error(`object store answered ${response.status} to PUT`);
  }

  async read(key: string): Promise<Readable> {
    const response = await this.request("GET", key, Buffer.alloc(0));
    if (!response.ok || !response.body) throw new Error(`object store answered ${response.status} to GET`);
    // tsc needs this assertion (fetch's ReadableStream<Uint8Array<ArrayBuffer>> is not node:stream/web's for it);
    // the linter's program sees one type and calls it unnecessary: the build is what decides.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- required by tsc -b, see above
    return Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether the object existed or not; a 404 (some stores) means it is gone too.
    const response = await this.request("DELETE", key, Buffer.alloc(0));
    if (!response.ok && response.status !== 404) throw new Error(`object store answered ${response.status} to DELETE`);
  }

  private async request(method: "PUT" | "GET" | "DELETE", key: string, body: Buffer): Promise<Response> {
    const url = new URL(`${this.options.endpoint.replace(/\/$/, "")}/${this.options.bucket}/${encodeKey(key)}`);
    const headers = await signS3Request(this.options, { method, url, body });
    return fetch(url, { method, headers, body: method === "PUT" ? new Uint8Array(body) : undefined, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
  }
}
