import net from 'node:net';

export class PortTakenError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} (${service}) is already in use. Stop whatever is using it ` +
        `(\`lsof -i :${port}\`) or change its port in firebase.json.`,
    );
  }
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails on the first taken port, naming it, before anything is started. */
export async function assertPortsFree(ports: [service: string, port: number][], host: string) {
  for (const [service, port] of ports) {
    if (!(await isFree(port, host))) throw new PortTakenError(service, port);
  }
}
