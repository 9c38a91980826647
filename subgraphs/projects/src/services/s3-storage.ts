import { createHash, createHmac } from "node:crypto";
import { Readable } from "node:stream";
import type { DocumentStorage } from "./document-storage";

export interface S3Options {
  /** e.g. https://s3.fr-par.scw.cloud (path-style requests: <endpoint>/<bucket>/<key>). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  timeoutMs?: number;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/**
 * Documents in an S3-compatible object store (Scaleway, OVH, MinIO, AWS...): PUT and GET
 * Object with AWS Signature Version 4, path-style, no SDK.
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
    return Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  }

  /** A signed request (exported for the tests of the signature). */
  signedHeaders(method: string, key: string, body: Buffer, now = new Date()): { url: URL; headers: Record<string, string> } {
    const url = new URL(`${this.options.endpoint.replace(/\/$/, "")}/${this.options.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`);
    const amzDate = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256(body);
    const canonical = [method, url.pathname, "", `host:${url.host}`, `x-amz-content-sha256:${payloadHash}`, `x-amz-date:${amzDate}`, "", "host;x-amz-content-sha256;x-amz-date", payloadHash].join("\n");
    const scope = `${day}/${this.options.region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${this.options.secretAccessKey}`, day), this.options.region), "s3"), "aws4_request");
    const signature = createHmac("sha256", signingKey).update(toSign).digest("hex");
    return {
      url,
      headers: {
        "x-amz-date": amzDate,
        "x-amz-content-sha256": payloadHash,
        authorization: `AWS4-HMAC-SHA256 Credential=${this.options.accessKeyId}/${scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${signature}`,
      },
    };
  }

  private request(method: "PUT" | "GET", key: string, body: Buffer): Promise<Response> {
    const { url, headers } = this.signedHeaders(method, key, body);
    return fetch(url, { method, headers, body: method === "PUT" ? new Uint8Array(body) : undefined, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
  }
}
