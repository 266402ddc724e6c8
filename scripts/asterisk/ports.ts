import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1, chosen by the kernel (for Asterisk's HTTP server). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A free UDP port on 127.0.0.1, chosen by the kernel (for SIP transports and RTP). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const port = socket.address().port;
      socket.close(() => resolve(port));
    });
  });
}

/**
 * A free even UDP port whose odd neighbour is free too (an RTP/RTCP pair, as sipp's media wants).
 * Tries a few kernel-chosen ports before giving up.
 */
export async function freeUdpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await freeUdpPort();
    const even = port % 2 === 0 ? port : port + 1;
    if (even + 1 > 65535) continue;
    if ((await udpPortIsFree(even)) && (await udpPortIsFree(even + 1))) return even;
  }
  throw new Error('freeUdpPortPair: no free even/odd UDP port pair found on 127.0.0.1 after 20 attempts');
}

/** Whether a UDP port can be bound on 127.0.0.1 right now. */
export function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}
