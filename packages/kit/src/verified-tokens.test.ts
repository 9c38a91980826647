import { VerifiedTokens } from "./verified-tokens";
import { ANONYMOUS, signViewer, type Viewer } from "./viewer";

const SESSION_AUDIENCE = "hub-session";

const SECRET = "s".repeat(40);
const julien: Viewer = { ...ANONYMOUS, personId: "6f1c2a47-3d8e-4b7a-9c51-0e2d4f6a8b13", organizationId: "DDT:63", roles: ["STATE_AGENT"], departements: ["63"] };

describe("VerifiedTokens", () => {
  it("gives the token's viewer and expiry, the second time without checking the signature again", () => {
    const tokens = new VerifiedTokens(SECRET, SESSION_AUDIENCE);
    const token = signViewer(julien, SECRET, SESSION_AUDIENCE, 3600);
    const first = tokens.verify(token);
    expect(first?.viewer).toEqual(julien);
    expect(first?.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    expect(tokens.verify(token)).toBe(first);
    expect(Object.isFrozen(first?.viewer)).toBe(true);
    expect(Object.isFrozen(first?.viewer.roles)).toBe(true);
  });

  it("refuses a token past its expiry even though it was accepted before", () => {
    const tokens = new VerifiedTokens(SECRET, SESSION_AUDIENCE);
    const token = signViewer(julien, SECRET, SESSION_AUDIENCE, 60);
    const session = tokens.verify(token);
    if (!session) throw new Error("a fresh token was refused");
    expect(tokens.verify(token, session.expiresAt - 1)).toBe(session);
    expect(tokens.verify(token, session.expiresAt)).toBeNull();
    // Forgotten once expired: the signature check decides again (and still refuses it once expired).
    expect(tokens.verify(token, session.expiresAt + 1)).toBeNull();
  });

  it("refuses a token altered after one was accepted, signed with another secret, or for another audience", () => {
    const tokens = new VerifiedTokens(SECRET, SESSION_AUDIENCE);
    const token = signViewer(julien, SECRET, SESSION_AUDIENCE, 3600);
    expect(tokens.verify(token)).not.toBeNull();
    const [header, , signature] = token.split(".");
    const nadia = Buffer.from(JSON.stringify({ sub: julien.personId, org: "ANCT", roles: ["ANCT_NATIONAL"], aud: SESSION_AUDIENCE, exp: 4_000_000_000 })).toString("base64url");
    expect(tokens.verify(`${header}.${nadia}.${signature}`)).toBeNull();
    expect(tokens.verify(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(tokens.verify(signViewer(julien, "t".repeat(40), SESSION_AUDIENCE, 3600))).toBeNull();
    expect(tokens.verify(signViewer(julien, SECRET, "hub-internal", 3600))).toBeNull();
  });

  it("keeps at most `max` tokens, the least recently used dropped first", () => {
    const tokens = new VerifiedTokens(SECRET, SESSION_AUDIENCE, 2);
    const signed = [1, 2, 3].map((ttl) => signViewer(julien, SECRET, SESSION_AUDIENCE, 3600 + ttl));
    const sessions = signed.map((token) => tokens.verify(token));
    // The first was dropped: verified again, a new object; the third is still kept.
    expect(tokens.verify(signed[0])).not.toBe(sessions[0]);
    expect(tokens.verify(signed[0])?.viewer).toEqual(julien);
    expect(tokens.verify(signed[2])).toBe(sessions[2]);
  });
});
