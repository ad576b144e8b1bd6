/**
 * The console's built files, served from memory: read on first request, gzipped once when the
 * browser accepts it. Hashed assets are cached for good; every other path is the single page's
 * index.html, which the browser asks for again each time.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map', '.txt']);

interface Cached {
  type: string;
  raw: Buffer;
  gzip: Buffer | null;
}

export class StaticFiles {
  private readonly cache = new Map<string, Promise<Cached | null>>();

  constructor(private readonly root: string) {}

  private load(relative: string): Promise<Cached | null> {
    let loaded = this.cache.get(relative);
    if (!loaded) {
      const file = path.join(this.root, relative);
      const extension = path.extname(file);
      loaded = readFile(file).then(
        (raw) => ({
          type: TYPES[extension] ?? 'application/octet-stream',
          raw,
          gzip: COMPRESSIBLE.has(extension) ? gzipSync(raw) : null,
        }),
        () => null,
      );
      this.cache.set(relative, loaded);
    }
    return loaded;
  }

  /** Answers a GET; unknown paths get index.html (the console's router reads the URL). */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const relative = path.posix
      .normalize(pathname)
      .replace(/^(\.\.(\/|$))+/, '')
      .replace(/^\/+/, '');
    const asset = relative !== '' && relative !== 'index.html' ? await this.load(relative) : null;
    const file = asset ?? (await this.load('index.html'));
    if (!file) {
      res
        .writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><title>Hearth Console</title><h1>The Hearth Console is not built</h1>' +
            '<p>Run <code>npm run build -w console</code>, then reload. The emulators work without it.</p></html>',
        );
      return;
    }
    const gzip =
      file.gzip !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': file.type,
      'Cache-Control':
        asset && relative.startsWith('assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : gzip ? file.gzip : file.raw);
  }
}
