import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Directories of engines not yet disposed. A process that exits without closing its engine (an
 * uncaught error, process.exit(), a signal turned into an exit) still removes them, so a failed
 * run leaves no spill files behind.
 */
const live = new Set<string>();
let exitHookInstalled = false;

function track(dir: string): void {
  live.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous.
  process.once('exit', () => {
    for (const d of live) rmSync(d, { recursive: true, force: true });
  });
}

/**
 * The private scratch directory of one native engine: registered files (made visible to SQL by
 * `file_search_path`), transient Parquet chunks of insertArrowIPC, and DuckDB's spill space.
 * DuckDB-WASM keeps all of this in its virtual file system; native DuckDB needs real files.
 */
export class NativeFiles {
  private chunkSeq = 0;

  /**
   * @param root the engine's own directory under the OS temp dir
   * @param spill DuckDB's temp_directory, so an in-memory database never spills into the working directory
   */
  private constructor(readonly root: string, readonly spill: string) {}

  /**
   * Creates the directory tree under the OS temp directory. With `spillParent`, the spill space
   * is a fresh directory inside it instead (a disk with room to spill), removed with the rest:
   * the user's own directory is never deleted.
   */
  static async create(spillParent?: string): Promise<NativeFiles> {
    const root = await mkdtemp(path.join(tmpdir(), 'churnwatch-native-'));
    track(root);
    let spill = path.join(root, 'spill');
    if (spillParent !== undefined) {
      try {
        spill = await mkdtemp(path.join(spillParent, 'churnwatch-spill-'));
      } catch (e) {
        await rm(root, { recursive: true, force: true });
        live.delete(root);
        throw e;
      }
      track(spill);
    }
    const files = new NativeFiles(root, spill);
    await mkdir(files.registered, { recursive: true });
    return files;
  }

  /** Where registered files live: DuckDB resolves bare names like read_csv('x.csv') here. */
  get registered(): string {
    return path.join(this.root, 'files');
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

  /** Registers the local file `target` as `name`: a symbolic link, so nothing is copied (drop removes the link only). */
  async link(name: string, target: string): Promise<void> {
    const full = this.registeredPath(name);
    await mkdir(path.dirname(full), { recursive: true });
    await symlink(path.resolve(target), full);
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

  /** Deletes the whole tree, and the spill directory where it lives elsewhere. */
  async dispose(): Promise<void> {
    for (const d of [this.spill, this.root]) {
      await rm(d, { recursive: true, force: true });
      live.delete(d);
    }
  }
}
