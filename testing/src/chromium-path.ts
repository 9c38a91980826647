import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Where a system Chromium may be (Debian's `chromium`, Ubuntu's older `chromium-browser`). */
const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else a system Chromium, else the one
 * inside the `@sparticuz/chromium` npm package (unpacked to the temporary folder on first use,
 * then reused), so that `npm test` needs no system package.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return system;
  // An ES module, which jest's CommonJS runtime cannot load: a plain node process can.
  const script = "const { default: chromium } = await import('@sparticuz/chromium'); process.stdout.write(await chromium.executablePath());";
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: join(__dirname, ".."), encoding: "utf8" }).trim();
}
