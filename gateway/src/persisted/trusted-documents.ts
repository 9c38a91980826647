import type { Logger } from "@hub/kit";
import { LRUCache } from "lru-cache";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One operation of an Apollo persisted-query manifest. */
interface ManifestOperation {
  id: string;
  name?: string | null;
  type?: string;
  body: string;
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The registered operations (trusted documents), by the SHA-256 of their text: the web app's,
 * written at its build (`<WEB_DIST>/persisted-operations.json`), and the programmes', one
 * manifest per file in TRUSTED_DOCUMENTS_DIR. Each is an Apollo persisted-query manifest
 * (`{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }`);
 * an entry whose id is not the SHA-256 of its body is skipped with a warning.
 */
export class TrustedDocuments {
  private readonly bodies = new Map<string, string>();

  constructor(files: string[], logger: Logger) {
    for (const file of files) {
      let operations: ManifestOperation[];
      try {
        const manifest = JSON.parse(readFileSync(file, "utf8")) as { format?: string; operations?: ManifestOperation[] };
        if (manifest.format !== "apollo-persisted-query-manifest" || !Array.isArray(manifest.operations)) throw new Error("not an apollo-persisted-query-manifest");
        operations = manifest.operations;
      } catch (error) {
        logger.warn(`trusted documents: ${file} skipped (${(error as Error).message})`);
        continue;
      }
      for (const operation of operations) {
        if (typeof operation.body !== "string" || sha256(operation.body) !== operation.id) {
          logger.warn(`trusted documents: ${file}: operation ${operation.name ?? operation.id} skipped (its id is not the SHA-256 of its body)`);
          continue;
        }
        this.bodies.set(operation.id, operation.body);
      }
    }
  }

  /** The manifests the gateway loads: the web app's, then every *.json of the programmes' folder. */
  static files(webDist: string, dir: string | null): string[] {
    const web = join(webDist, "persisted-operations.json");
    const programmes =
      dir && existsSync(dir)
        ? readdirSync(dir)
            .filter((name) => name.endsWith(".json"))
            .sort()
            .map((name) => join(dir, name))
        : [];
    return [...(existsSync(web) ? [web] : []), ...programmes];
  }

  get size(): number {
    return this.bodies.size;
  }

  has(hash: string): boolean {
    return this.bodies.has(hash);
  }

  body(hash: string): string | undefined {
    return this.bodies.get(hash);
  }
}

/** The operations sent with their hash that APQ remembers, at most this many characters in all. */
const APQ_MAX_CHARACTERS = 32 * 1024 * 1024;

/**
 * Apollo Server's APQ store (its `persistedQueries.cache`, a KeyValueCache): registered
 * operations are always found by their hash (a client never has to send their text first); any
 * other operation a client sent with its hash is remembered here, least recently used dropped
 * first (APQ for everyone, each replica its own: a miss costs the client one more round trip).
 */
export class PersistedQueryStore {
  private readonly sent = new LRUCache<string, string>({ maxSize: APQ_MAX_CHARACTERS, sizeCalculation: (body) => Math.max(1, body.length) });

  constructor(private readonly trusted: TrustedDocuments) {}

  /** Apollo Server asks for `apq:<sha256>`. */
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.trusted.body(key.replace(/^apq:/, "")) ?? this.sent.get(key));
  }

  set(key: string, value: string): Promise<void> {
    this.sent.set(key, value);
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.sent.delete(key));
  }
}
