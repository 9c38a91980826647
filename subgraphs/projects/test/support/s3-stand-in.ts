import express from "express";
import { createHash, createHmac } from "node:crypto";

/**
 * A stand-in for an S3-compatible object store (none is reachable here): path-style PUT, GET
 * and DELETE Object, AWS Signature Version 4 checked against its one key pair, S3's XML errors.
 */
export function createS3StandIn(accessKeyId: string, secretAccessKey: string, region: string) {
  const objects = new Map<string, Buffer>();
  const app = express();
  const error = (response: express.Response, status: number, code: string) =>
    response.status(status).type("application/xml").send(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);

  const signatureOk = (request: express.Request, body: Buffer): boolean => {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(request.headers.authorization ?? "");
    if (!auth || auth[1] !== accessKeyId || auth[3] !== region) return false;
    const payloadHash = createHash("sha256").update(body).digest("hex");
    if (request.headers["x-amz-content-sha256"] !== payloadHash) return false;
    const names = auth[4].split(";");
    const canonical = [request.method, request.originalUrl.split("?")[0], "", ...names.map((name) => `${name}:${String(request.headers[name] ?? "").trim()}`), "", auth[4], payloadHash].join("\n");
    const amzDate = String(request.headers["x-amz-date"]);
    const toSign = ["AWS4-HMAC-SHA256", amzDate, `${auth[2]}/${region}/s3/aws4_request`, createHash("sha256").update(canonical).digest("hex")].join("\n");
    let key: Buffer | string = `AWS4${secretAccessKey}`;
    for (const part of [auth[2], region, "s3", "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
    return createHmac("sha256", key).update(toSign).digest("hex") === auth[5];
  };

  app.put(/^\/([^/]+)\/(.+)$/, express.raw({ type: () => true, limit: "50mb" }), (request, response) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!signatureOk(request, body)) return void error(response, 403, "SignatureDoesNotMatch");
    objects.set(decodeURIComponent(request.path), body);
    response.setHeader("etag", `"${createHash("md5").update(body).digest("hex")}"`);
    response.status(200).end();
  });
  app.get(/^\/([^/]+)\/(.+)$/, (request, response) => {
    if (!signatureOk(request, Buffer.alloc(0))) return void error(response, 403, "SignatureDoesNotMatch");
    const object = objects.get(decodeURIComponent(request.path));
    if (!object) return void error(response, 404, "NoSuchKey");
    response.type("application/octet-stream").send(object);
  });
  app.delete(/^\/([^/]+)\/(.+)$/, (request, response) => {
    if (!signatureOk(request, Buffer.alloc(0))) return void error(response, 403, "SignatureDoesNotMatch");
    objects.delete(decodeURIComponent(request.path));
    response.status(204).end();
  });
  return { app, objects };
}
