import { connect, createServer, type Socket } from 'node:net';

/*
 * Test tooling: a TCP proxy on loopback in front of Asterisk's HTTP port, to cut connections for
 * real (the client sees what a network failure does) and to refuse new ones for a while.
 */

/** A running proxy. */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: give it to the client instead of Asterisk's URL. */
  readonly url: string;
  /** Destroys every connection in progress. */
  cut(): void;
  /** While true, new connections are accepted and destroyed at once. */
  refusing: boolean;
  close(): Promise<void>;
}

/** Starts a proxy to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const state = { refusing: false };
  const server = createServer((inbound) => {
    if (state.refusing) {
      inbound.destroy();
      return;
    }
    const outbound = connect(targetPort, '127.0.0.1');
    open.add(inbound);
    open.add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const close = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('close', close).on('error', close);
    outbound.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      for (const socket of open) socket.destroy();
    },
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
