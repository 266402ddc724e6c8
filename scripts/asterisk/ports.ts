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
 * A free even UDP port whose three next neighbours are free too: sipp's media binds four ports from
 * its `-mp` port (audio RTP and RTCP, then video RTP and RTCP). Tries a few kernel-chosen ports
 * before giving up.
 */
export async function freeSippMediaPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await freeUdpPort();
    const even = port % 2 === 0 ? port : port + 1;
    if (even + 3 > 65535) continue;
    const free = await Promise.all([0, 1, 2, 3].map((offset) => udpPortIsFree(even + offset)));
    if (free.every(Boolean)) return even;
  }
  throw new Error('freeSippMediaPort: no four free UDP ports in a row found on 127.0.0.1 after 20 attempts');
}

/** Whether a UDP port can be bound on 127.0.0.1 right now. */
export function udpPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}
