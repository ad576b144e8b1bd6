/**
 * A TCP proxy between the browser and the emulator, so a test can break the network the way the
 * real world does: cut the connection carrying a WebChannel backchannel in the middle of its
 * response, or point the same address at a restarted emulator. It reads only the request lines
 * going up, to know which connection carries what.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface Link {
  client: Socket;
  upstream: Socket;
  /** The path and query of the last request line seen on this connection. */
  lastRequest: string;
}

export class TcpProxy {
  private readonly links = new Set<Link>();
  private server!: Server;

  private constructor(private targetPort: number) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    proxy.server = createServer({ noDelay: true }, (client) => proxy.accept(client));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** New connections go to `port`; open ones are cut, as when a server goes away. */
  retarget(port: number): void {
    this.targetPort = port;
    this.cutAll();
  }

  cutAll(): void {
    for (const link of [...this.links]) this.cut(link);
  }

  /** Cuts every connection whose current request is a backchannel GET; returns how many. */
  cutBackchannels(): number {
    let count = 0;
    for (const link of [...this.links]) {
      if (/^GET \S*\/channel\?\S*RID=rpc/.test(link.lastRequest)) {
        this.cut(link);
        count++;
      }
    }
    return count;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket): void {
    const upstream = connect({ port: this.targetPort, host: '127.0.0.1', noDelay: true });
    const link: Link = { client, upstream, lastRequest: '' };
    this.links.add(link);
    client.on('data', (chunk: Buffer) => {
      const requestLine = /^(GET|POST|PUT|PATCH|DELETE|OPTIONS) (\S+) HTTP\/1\.1\r\n/.exec(
        chunk.toString('latin1', 0, 4096),
      );
      if (requestLine) link.lastRequest = `${requestLine[1]} ${requestLine[2]}`;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = (): void => this.cut(link);
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }

  private cut(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.destroy();
    link.upstream.destroy();
  }
}
