import { signJwt, verifyJwt } from "./jwt";

describe("HS256 tokens", () => {
  const now = Date.UTC(2026, 10, 28, 12);
  const token = signJwt({ sub: "p1" }, "secret", "aud", 60, now);

  it("verifies its own tokens and returns their claims", () => {
    expect(verifyJwt(token, "secret", "aud", now + 1000)).toMatchObject({ sub: "p1", aud: "aud", exp: now / 1000 + 60 });
  });

  it.each([
    ["another secret", token, "other", "aud", now],
    ["another audience", token, "secret", "other", now],
    ["after expiry", token, "secret", "aud", now + 60_000],
    ["a changed payload", token.replace(/\.[^.]+\./, `.${Buffer.from('{"sub":"admin","aud":"aud","exp":9999999999}').toString("base64url")}.`), "secret", "aud", now],
    ["garbage", "a.b.c", "secret", "aud", now],
    ["alg none", `${Buffer.from('{"alg":"none"}').toString("base64url")}.${token.split(".")[1]}.`, "secret", "aud", now],
  ])("refuses %s", (_label, candidate, secret, audience, at) => {
    expect(verifyJwt(candidate, secret, audience, at)).toBeNull();
  });
});
