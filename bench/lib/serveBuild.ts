import path from 'node:path';
import { preview } from 'vite';

/** A built app (a folder holding dist/ and its vite.config.ts) served by vite preview on a free port. */
export interface ServedBuild { label: string; origin: string; close(): Promise<void> }

export async function serveBuild(label: string, dir: string): Promise<ServedBuild> {
  const root = path.resolve(dir);
  const server = await preview({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'error',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { label, origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
