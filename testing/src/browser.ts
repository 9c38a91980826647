// A browser for end-to-end sign-in tests: follows redirects, keeps cookies per host.

/** A browser, enough for redirects and cookies (per host). */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  /** Follows redirects from `url` until a response that is not one, or a URL matching `stopAt`. */
  async go(url: string, stopAt?: RegExp): Promise<{ url: string; status: number; body: string }> {
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt?.test(url)) return { url, status: 0, body: "" };
      const target = new URL(url);
      const cookies = [...(this.jar.get(target.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
      const response = await fetch(url, { redirect: "manual", headers: cookies ? { cookie: cookies } : {} });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(";");
        const [name, ...value] = pair.split("=");
        const jar = this.jar.get(target.host) ?? new Map<string, string>();
        jar.set(name.trim(), value.join("="));
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
