import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { JwtVerifier, pinnedAlgorithms } from "./jwt-verifier";

const ISSUER = "https://proconnect.test/api/v2";
const CLIENT_ID = "hub-territoires";
const SECRET = "client-secret-for-tests-0123456789abcdef";

/** A provider's jwks_uri on a free port: publishes `keys`, counts the fetches. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  private readonly server: Server = createServer((_request, response) => {
    this.fetches++;
    response.setHeader("content-type", "application/json").end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<URL> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Signer {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signer(kid: string, alg: "RS256" | "ES256"): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

const CLAIMS = { sub: "agent-1", nonce: "n" };

function sign(key: Signer | Uint8Array, header: { alg: string; kid?: string }, claims: Record<string, unknown> = {}, issuer = ISSUER, audience = CLIENT_ID): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...CLAIMS, iss: issuer, aud: audience, iat, exp: iat + 600, ...claims }).setProtectedHeader(header).sign(key instanceof Uint8Array ? key : key.privateKey);
}

describe("JWT verification pinned to the provider's algorithms", () => {
  const jwks = new JwksServer();
  let jwksUri: URL;
  let rsa: Signer;
  let ec: Signer;
  let verifier: JwtVerifier;
  beforeAll(async () => {
    jwksUri = await jwks.start();
    [rsa, ec] = [await signer("r1", "RS256"), await signer("e1", "ES256")];
    jwks.keys = [rsa.jwk, ec.jwk];
    verifier = new JwtVerifier({ jwksUri, issuer: ISSUER, clientId: CLIENT_ID, clientSecret: SECRET });
  });
  afterAll(() => jwks.stop());
  afterEach(() => jest.restoreAllMocks());

  it("keeps of the announced algorithms only those it can check, never none", () => {
    expect(pinnedAlgorithms(["none", "RS256", "HS256", "ES256", "XYZ", 7])).toEqual(["RS256", "HS256", "ES256"]);
    expect(pinnedAlgorithms(undefined)).toEqual([]);
    expect(pinnedAlgorithms("RS256")).toEqual([]);
  });

  it("accepts RS256 and ES256 tokens signed with the published keys, and HS256 with the client secret when announced", async () => {
    const expected: unknown = expect.objectContaining({ ...CLAIMS, iss: ISSUER, aud: CLIENT_ID });
    expect(await verifier.verify(await sign(rsa, { alg: "RS256", kid: "r1" }), ["RS256", "ES256"], ["sub"])).toEqual(expected);
    expect(await verifier.verify(await sign(ec, { alg: "ES256", kid: "e1" }), ["RS256", "ES256"], ["sub"])).toEqual(expected);
    expect(await verifier.verify(await sign(new TextEncoder().encode(SECRET), { alg: "HS256" }), ["HS256"], ["sub"])).toEqual(expected);
  });

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => string | Promise<string>, string[], string]>([
    ["alg none, even if announced", () => `${b64({ alg: "none" })}.${b64({ ...CLAIMS, iss: ISSUER, aud: CLIENT_ID, exp: now() + 600 })}.`, ["RS256", "none"], "ERR_JOSE_NOT_SUPPORTED"],
    ["an algorithm the provider does not announce (HS256 with the client secret)", () => sign(new TextEncoder().encode(SECRET), { alg: "HS256" }), ["RS256", "ES256"], "ERR_JOSE_ALG_NOT_ALLOWED"],
    ["an announced algorithm that is not the pinned one (ES256 when only RS256 is)", () => sign(ec, { alg: "ES256", kid: "e1" }), ["RS256"], "ERR_JOSE_ALG_NOT_ALLOWED"],
    ["another key under a published kid", async () => sign({ ...(await signer("r1", "RS256")) }, { alg: "RS256", kid: "r1" }), ["RS256"], "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"],
    [
      "a tampered payload",
      async () => (await sign(rsa, { alg: "RS256", kid: "r1" })).replace(/\.[^.]+\./, `.${b64({ ...CLAIMS, sub: "admin", iss: ISSUER, aud: CLIENT_ID, exp: now() + 600 })}.`),
      ["RS256"],
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    ],
    ["another issuer", () => sign(rsa, { alg: "RS256", kid: "r1" }, {}, "https://evil.test"), ["RS256"], "ERR_JWT_CLAIM_VALIDATION_FAILED"],
    ["another audience", () => sign(rsa, { alg: "RS256", kid: "r1" }, {}, ISSUER, "another-client"), ["RS256"], "ERR_JWT_CLAIM_VALIDATION_FAILED"],
    ["an expired token", () => sign(rsa, { alg: "RS256", kid: "r1" }, { exp: now() - 120 }), ["RS256"], "ERR_JWT_EXPIRED"],
    ["a token without a required claim", () => sign(rsa, { alg: "RS256", kid: "r1" }, { nonce: undefined }), ["RS256"], "ERR_JWT_CLAIM_VALIDATION_FAILED"],
    ["any token when no algorithm is allowed", () => sign(rsa, { alg: "RS256", kid: "r1" }), [], "ERR_JOSE_ALG_NOT_ALLOWED"],
    ["garbage", () => "not.a.jwt", ["RS256"], "ERR_JWS_INVALID"],
  ])("refuses %s", async (_label, make, algorithms, code) => {
    await expect(verifier.verify(await make(), algorithms, ["sub", "nonce"])).rejects.toMatchObject({ code });
  });

  it("follows a key rotation after the cooldown, and a flood of unknown kids costs one JWKS fetch per cooldown", async () => {
    const rotating = new JwtVerifier({ jwksUri, issuer: ISSUER, clientId: CLIENT_ID, clientSecret: SECRET, cooldownMs: 30_000 });
    await rotating.verify(await sign(rsa, { alg: "RS256", kid: "r1" }), ["RS256"], ["sub"]);
    const fetchesBefore = jwks.fetches;
    const rotated = await signer("r2", "RS256");
    jwks.keys = [rotated.jwk];
    const token = await sign(rotated, { alg: "RS256", kid: "r2" });
    // Within the cooldown, unknown kids (forged or new) are refused without asking the provider.
    const flood = await Promise.allSettled(Array.from({ length: 20 }, () => rotating.verify(token, ["RS256"], ["sub"])));
    expect([flood.every((result) => result.status === "rejected"), jwks.fetches - fetchesBefore]).toEqual([true, 0]);
    const later = Date.now() + 31_000;
    jest.spyOn(Date, "now").mockReturnValue(later);
    expect(await rotating.verify(token, ["RS256"], ["sub"])).toEqual(expect.objectContaining({ sub: "agent-1" }));
    expect(jwks.fetches - fetchesBefore).toBe(1);
  });
});
