import { createReadStream } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";

/** Where document bytes live: the disk by default, an S3-compatible store when configured (S3Storage). */
export interface DocumentStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  read(key: string): Promise<Readable>;
  /** Removes the bytes; a key already gone is not an error (a retried deletion succeeds). */
  delete(key: string): Promise<void>;
}

/** Files under one folder, written atomically (temporary file, then rename). Keys are server-made. */
export class DiskStorage implements DocumentStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
  }

  read(key: string): Promise<Readable> {
    // The executor turns an invalid key into a rejection, as for the S3 storage.
    return new Promise((resolve) => resolve(createReadStream(this.path(key))));
  }

  async delete(key: string): Promise<void> {
    await unlink(this.path(key)).catch((error: unknown) => {
      // Duck-typed: under jest, fs errors come from another realm than `Error`.
      if (!(typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT")) throw error;
    });
  }

  private path(key: string): string {
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error("invalid storage key");
    return join(this.root, key);
  }
}
