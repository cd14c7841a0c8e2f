import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The private scratch directory of one native engine: registered files (made visible to SQL by
 * `file_search_path`), transient Parquet chunks of insertArrowIPC, and DuckDB's spill space.
 * DuckDB-WASM keeps all of this in its virtual file system; native DuckDB needs real files.
 */
export class NativeFiles {
  private chunkSeq = 0;

  private constructor(readonly root: string) {}

  /** Creates the directory tree under the OS temp directory. */
  static async create(): Promise<NativeFiles> {
    const files = new NativeFiles(await mkdtemp(path.join(tmpdir(), 'churnwatch-native-')));
    await mkdir(files.registered, { recursive: true });
    return files;
  }

  /** Where registered files live: DuckDB resolves bare names like read_csv('x.csv') here. */
  get registered(): string {
    return path.join(this.root, 'files');
  }

  /** DuckDB's temp_directory, so an in-memory database never spills into the working directory. */
  get spill(): string {
    return path.join(this.root, 'spill');
  }

  /** The path of registered file `name`; refuses names that would leave the directory. */
  registeredPath(name: string): string {
    const full = path.resolve(this.registered, name);
    if (path.isAbsolute(name) || !full.startsWith(this.registered + path.sep)) throw new Error(`Cannot register a file named ${name}`);
    return full;
  }

  /** Writes registered file `name`. */
  async register(name: string, bytes: Uint8Array): Promise<void> {
    const full = this.registeredPath(name);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, bytes);
  }

  /** Deletes registered file `name` (no error when it is gone). */
  async drop(name: string): Promise<void> {
    await rm(this.registeredPath(name), { force: true });
  }

  /** Writes `bytes` to a fresh chunk file and returns its path; the caller removes it. */
  async writeChunk(bytes: Uint8Array, extension: string): Promise<string> {
    const file = path.join(this.root, `chunk-${this.chunkSeq++}.${extension}`);
    await writeFile(file, bytes);
    return file;
  }

  /** Deletes the whole directory. */
  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
