import { createReadStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";

/** Where document bytes live: the disk by default, an S3-compatible store when configured (S3Storage). */
export interface DocumentStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  read(key: string): Promise<Readable>;
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

  private path(key: string): string {
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error("invalid storage key");
    return join(this.root, key);
  }
}
