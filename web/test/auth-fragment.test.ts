import { takeTokenFromFragment, type BrowserWindow } from "../src/auth";

/** A browser's location, history and cookies, enough for takeTokenFromFragment. */
function browser(hash: string, cookie: string): BrowserWindow & { url: string; cookiesSet: string[] } {
  const fake = {
    url: `/${hash}`,
    cookiesSet: [] as string[],
    location: { hash, pathname: "/", search: "" },
    history: { replaceState: (_data: unknown, _unused: string, url: string) => void (fake.url = url) },
    document: {
      get cookie() {
        return cookie;
      },
      set cookie(value: string) {
        fake.cookiesSet.push(value);
      },
    },
  };
  return fake;
}

const DELETE = "hub_signin=; Max-Age=0; Path=/; SameSite=Lax";

describe("takeTokenFromFragment", () => {
  it("takes the token when signin matches the hub_signin cookie, then deletes the cookie and cleans the address", () => {
    const b = browser("#token=eyJ.a.b&signin=abc_DEF-123", "other=1; hub_signin=abc_DEF-123");
    expect([takeTokenFromFragment(b), b.url, b.cookiesSet]).toEqual([{ token: "eyJ.a.b", email: "" }, "/", [DELETE]]);
  });

  it.each([
    ["no signin in the fragment (an old or forged link)", "#token=eyJ.a.b", "hub_signin=abc"],
    ["no hub_signin cookie (a link from someone else)", "#token=eyJ.a.b&signin=abc", "other=1"],
    ["another signin value", "#token=eyJ.a.b&signin=abd", "hub_signin=abc"],
    ["an empty signin and cookie", "#token=eyJ.a.b&signin=", "hub_signin="],
  ])("ignores a token with %s, and still cleans the address", (_label, hash, cookie) => {
    const b = browser(hash, cookie);
    expect([takeTokenFromFragment(b), b.url, b.cookiesSet]).toEqual([null, "/", [DELETE]]);
  });

  it("leaves other fragments (the app routes) alone", () => {
    const b = browser("#/projets/42", "hub_signin=abc");
    expect([takeTokenFromFragment(b), b.url, b.cookiesSet]).toEqual([null, "/#/projets/42", []]);
  });
});
