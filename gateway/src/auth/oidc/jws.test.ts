import { createHmac, createSign, generateKeyPairSync, sign } from "node:crypto";
import { verifyJws, type Jwk } from "./jws";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("JWS verification", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keys: Jwk[] = [
    { ...(rsa.publicKey.export({ format: "jwk" }) as Jwk), kid: "r1", use: "sig" },
    { ...(ec.publicKey.export({ format: "jwk" }) as Jwk), kid: "e1", use: "sig" },
  ];
  const claims = { sub: "abc", aud: "client" };

  function rs256(header: object, body: object, key = rsa.privateKey): string {
    const input = `${b64(header)}.${b64(body)}`;
    return `${input}.${createSign("sha256").update(input).sign(key).toString("base64url")}`;
  }

  it("accepts RS256, ES256 and HS256 tokens signed with the right keys", () => {
    expect(verifyJws(rs256({ alg: "RS256", kid: "r1" }, claims), keys, "secret")).toEqual(claims);
    const input = `${b64({ alg: "ES256", kid: "e1" })}.${b64(claims)}`;
    const es = `${input}.${sign("sha256", Buffer.from(input), { key: ec.privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
    expect(verifyJws(es, keys, "secret")).toEqual(claims);
    const hsInput = `${b64({ alg: "HS256" })}.${b64(claims)}`;
    expect(verifyJws(`${hsInput}.${createHmac("sha256", "secret").update(hsInput).digest("base64url")}`, keys, "secret")).toEqual(claims);
  });

  it.each([
    ["a tampered payload", () => rs256({ alg: "RS256", kid: "r1" }, claims).replace(/\.[^.]+\./, `.${b64({ sub: "admin", aud: "client" })}.`)],
    ["another key", () => rs256({ alg: "RS256", kid: "r1" }, claims, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey)],
    ["alg none", () => `${b64({ alg: "none" })}.${b64(claims)}.`],
    ["an unknown algorithm", () => `${b64({ alg: "PS512", kid: "r1" })}.${b64(claims)}.AAAA`],
    ["an HS256 token with another secret", () => {
      const input = `${b64({ alg: "HS256" })}.${b64(claims)}`;
      return `${input}.${createHmac("sha256", "other").update(input).digest("base64url")}`;
    }],
    ["garbage", () => "not.a.jwt"],
  ])("refuses %s", (_label, make) => {
    expect(verifyJws(make(), keys, "secret")).toBeNull();
  });
});
