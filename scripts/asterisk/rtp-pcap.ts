/**
 * Writes the pcap a sipp caller plays after the answer: one RTP stream (PCMA, 20 ms packets, a quiet
 * 440 Hz tone) with RFC 4733 telephone-events at the requested offsets, exactly as a phone sends them
 * (one SSRC, continuous sequence numbers and timestamps, audio paused during an event). Generating it
 * per call, rather than replaying sipp's canned one-digit pcaps, lets a call press the same key twice
 * or keys in any order without Asterisk dropping a press as a duplicate.
 */

/** One key press, `atSeconds` after the answer. */
export interface KeyPress {
  atSeconds: number;
  /** 0-9, *, #, A-D. */
  digit: string;
}

/** RTP payload types of the generated stream (they match the SDP offer in sipp/uac.xml). */
export const PCMA_PAYLOAD = 8;
export const TELEPHONE_EVENT_PAYLOAD = 101;

const PACKET_MS = 20;
const SAMPLES_PER_PACKET = 160;
/** A key is held this long (RFC 4733 duration), then three end packets follow. */
const PRESS_MS = 120;

/**
 * The pcap bytes (Ethernet/IPv4/UDP/RTP, 127.0.0.1 -> 127.0.0.1) for `durationSeconds` of media with
 * the given key presses. sipp rewrites the destination address and port from the answer's SDP.
 */
export function renderRtpPcap(options: {
  keys: readonly KeyPress[];
  durationSeconds: number;
  sourcePort: number;
}): Buffer {
  const keys = [...options.keys].sort((a, b) => a.atSeconds - b.atSeconds);
  for (const key of keys) {
    if (eventCode(key.digit) === undefined) {
      throw new Error(`renderRtpPcap: "${key.digit}" is not a DTMF key (0-9, *, #, A-D)`);
    }
    if (!(key.atSeconds >= 0)) throw new Error(`renderRtpPcap: key "${key.digit}" has a negative offset`);
  }
  const lastKeyEnd = keys.length ? keys[keys.length - 1]!.atSeconds + 0.5 : 0;
  const totalPackets = Math.ceil((Math.max(options.durationSeconds, lastKeyEnd) * 1000) / PACKET_MS);
  const ssrc = 0x52464c57; // "RFLW"
  const packets: { timeMs: number; rtp: Buffer }[] = [];
  let sequence = 1000;
  let keyIndex = 0;
  for (let slot = 0; slot < totalPackets;) {
    const timeMs = slot * PACKET_MS;
    const timestamp = slot * SAMPLES_PER_PACKET;
    const key = keys[keyIndex];
    if (key && timeMs >= key.atSeconds * 1000) {
      // One event: start (marker), updates every 20 ms, then the end packet sent three times.
      const code = eventCode(key.digit)!;
      const steps = PRESS_MS / PACKET_MS;
      for (let step = 1; step <= steps; step += 1) {
        const end = step === steps;
        const duration = step * SAMPLES_PER_PACKET;
        const repeats = end ? 3 : 1;
        for (let r = 0; r < repeats; r += 1) {
          packets.push({
            timeMs: timeMs + (step - 1) * PACKET_MS,
            rtp: rtpPacket(
              TELEPHONE_EVENT_PAYLOAD,
              step === 1,
              sequence++,
              timestamp,
              ssrc,
              eventPayload(code, end, duration),
            ),
          });
        }
      }
      slot += steps;
      keyIndex += 1;
      continue;
    }
    packets.push({
      timeMs,
      rtp: rtpPacket(PCMA_PAYLOAD, slot === 0, sequence++, timestamp, ssrc, toneFrame(timestamp)),
    });
    slot += 1;
  }
  return pcapFile(packets.map((p) => ({ timeMs: p.timeMs, frame: udpFrame(options.sourcePort, 9, p.rtp) })));
}

function eventCode(digit: string): number | undefined {
  const codes: Record<string, number> = { '*': 10, '#': 11, A: 12, B: 13, C: 14, D: 15 };
  if (/^[0-9]$/.test(digit)) return Number(digit);
  return codes[digit.toUpperCase()];
}

function eventPayload(code: number, end: boolean, duration: number): Buffer {
  const payload = Buffer.alloc(4);
  payload[0] = code;
  payload[1] = (end ? 0x80 : 0) | 10; // volume -10 dBm0
  payload.writeUInt16BE(duration, 2);
  return payload;
}

function rtpPacket(
  type: number,
  marker: boolean,
  sequence: number,
  timestamp: number,
  ssrc: number,
  payload: Buffer,
): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | type;
  header.writeUInt16BE(sequence & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  header.writeUInt32BE(ssrc, 8);
  return Buffer.concat([header, payload]);
}

/** 20 ms of a quiet 440 Hz tone in A-law. */
function toneFrame(firstSample: number): Buffer {
  const frame = Buffer.alloc(SAMPLES_PER_PACKET);
  for (let i = 0; i < SAMPLES_PER_PACKET; i += 1) {
    const t = (firstSample + i) / 8000;
    frame[i] = linearToAlaw(Math.round(2000 * Math.sin(2 * Math.PI * 440 * t)));
  }
  return frame;
}

/** G.711 A-law encoding of one 16-bit sample. */
export function linearToAlaw(sample: number): number {
  let pcm = Math.max(-32768, Math.min(32767, sample));
  const sign = pcm >= 0 ? 0x80 : 0;
  if (pcm < 0) pcm = -pcm - 1;
  let exponent = 7;
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = exponent === 0 ? (pcm >> 4) & 0x0f : (pcm >> (exponent + 3)) & 0x0f;
  return ((sign | (exponent << 4) | mantissa) ^ 0x55) & 0xff;
}

function udpFrame(sourcePort: number, destinationPort: number, payload: Buffer): Buffer {
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 8 + payload.length, 2);
  ip[8] = 64;
  ip[9] = 17;
  ip.set([127, 0, 0, 1], 12);
  ip.set([127, 0, 0, 1], 16);
  ip.writeUInt16BE(ipChecksum(ip), 10);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(sourcePort, 0);
  udp.writeUInt16BE(destinationPort, 2);
  udp.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([ethernet, ip, udp, payload]);
}

function ipChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function pcapFile(records: { timeMs: number; frame: Buffer }[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  const parts: Buffer[] = [header];
  for (const { timeMs, frame } of records) {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(timeMs / 1000), 0);
    record.writeUInt32LE((timeMs % 1000) * 1000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    parts.push(record, frame);
  }
  return Buffer.concat(parts);
}
