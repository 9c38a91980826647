// A browser for end-to-end sign-in tests: follows redirects, keeps cookies per host.
import { parseSetCookie, stringifyCookie } from "cookie";

/** A browser, enough for redirects and cookies (per host). */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  /** Follows redirects from `url` until a response that is not one, or a URL matching `stopAt`. */
  async go(url: string, stopAt?: RegExp): Promise<{ url: string; status: number; body: string }> {
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt?.test(url)) return { url, status: 0, body: "" };
      const target = new URL(url);
      const cookies = stringifyCookie(Object.fromEntries(this.jar.get(target.host) ?? []));
      const response = await fetch(url, { redirect: "manual", headers: cookies ? { cookie: cookies } : {} });
      for (const header of response.headers.getSetCookie()) {
        const { name, value, maxAge, expires } = parseSetCookie(header);
        const jar = this.jar.get(target.host) ?? new Map<string, string>();
        // Max-Age=0 or an Expires in the past deletes the cookie (Express's clearCookie).
        if ((maxAge !== undefined && maxAge <= 0) || (expires !== undefined && expires.getTime() <= Date.now())) jar.delete(name);
        else jar.set(name, value ?? "");
        this.jar.set(target.host, jar);
      }
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).toString();
        continue;
      }
      return { url, status: response.status, body: await response.text() };
    }
    throw new Error("too many redirects");
  }
}
