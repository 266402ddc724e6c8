import type { AgentPresence } from '@ringflow/flow-core';
import type { AgentDirectoryPort } from '../adapter/adapter.js';
import type { AriClient } from './ari/client.js';
import type { AriLog } from './ari/event-socket.js';
import type { AriDeviceStateName, AriEndpoint } from './ari/models.js';

/** Where agent presences come from, and what ringflow adds to them. */
export interface AsteriskPresenceOptions {
  /**
   * `asterisk` (default): from device and endpoint states, kept live. `off`: every agent is
   * `available` unless overridden (a PBX whose devices say nothing useful, Local test agents...).
   */
  readonly source?: 'asterisk' | 'off';
  /** The device whose state is the agent's presence. Default: the device of the agent's endpoint (`PJSIP/<agent id>`). */
  readonly deviceFor?: (agentId: string) => string;
  /**
   * Presences that win over Asterisk's: do-not-disturb (`snooze`) kept outside Asterisk, an agent
   * forced `offline`... Change them live with `adapter.setPresenceOverride`.
   */
  readonly overrides?: Readonly<Record<string, AgentPresence>>;
  /** Agents to follow from the start; the others are followed from the first time a flow asks. */
  readonly agents?: readonly string[];
}

/** Device state → presence (DESIGN 4). */
export const DEVICE_STATE_PRESENCE: Readonly<Record<AriDeviceStateName, AgentPresence>> = {
  NOT_INUSE: 'available',
  // Ringing for another call is not a conversation yet: the agent may still take this one.
  RINGING: 'available',
  UNKNOWN: 'available',
  INUSE: 'inCall',
  BUSY: 'inCall',
  RINGINUSE: 'inCall',
  ONHOLD: 'inCall',
  UNAVAILABLE: 'offline',
  INVALID: 'offline',
};

const PRESENCES: ReadonlySet<string> = new Set<AgentPresence>(['available', 'offline', 'snooze', 'inCall']);

/** The live presences of the agents, fed by Asterisk's device and endpoint states. */
export interface AsteriskPresence {
  readonly directory: AgentDirectoryPort;
  /** Loads endpoint states and subscribes to their changes; follows `agents`. */
  start(): Promise<void>;
  /** Loads everything again (after the event socket came back: changes may have been missed). */
  refresh(): Promise<void>;
  /** Applies a DeviceStateChanged event. */
  deviceStateChanged(name: string, state: AriDeviceStateName): void;
  /** Applies an EndpointStateChange event. */
  endpointChanged(endpoint: AriEndpoint): void;
  /** Sets (or, with null, removes) an agent's override. */
  setOverride(agentId: string, presence: AgentPresence | null): void;
  /** What ringflow knows of an agent, for inspection. */
  describe(agentId: string): {
    readonly presence: AgentPresence;
    readonly device: string;
    readonly deviceState: AriDeviceStateName | null;
    readonly endpointState: string | null;
    readonly override: AgentPresence | null;
  };
}

/**
 * Agent presences from Asterisk. An agent's device state (`PJSIP/alice`) gives `offline`
 * (UNAVAILABLE, INVALID), `inCall` (INUSE, BUSY, RINGINUSE, ONHOLD) or `available` (NOT_INUSE,
 * RINGING, UNKNOWN); an endpoint Asterisk reports `offline` (no registered contact) is `offline`
 * whatever its device says; an override wins over both. A device is followed (subscribed to, its
 * state read) from the first time its agent is asked for; until its state is in, the endpoint's
 * tells (offline, on a call when it has channels, else available), and a PJSIP endpoint Asterisk
 * does not know is `offline`.
 */
export function createAsteriskPresence(
  clientOf: () => AriClient,
  app: string,
  options: AsteriskPresenceOptions & {
    readonly defaultDevice: (agentId: string) => string;
    readonly log: AriLog;
  },
): AsteriskPresence {
  const source = options.source ?? 'asterisk';
  const deviceFor = options.deviceFor ?? options.defaultDevice;
  const overrides = new Map<string, AgentPresence>();
  const devices = new Map<string, AriDeviceStateName>();
  const endpoints = new Map<string, { state: string | null; channels: number }>();
  const followed = new Set<string>();
  /** Bumped by each event of a device, so that an older read does not overwrite a newer event. */
  const versions = new Map<string, number>();
  let endpointsLoaded = false;
  const log = options.log;

  const setOverride = (agentId: string, presence: AgentPresence | null) => {
    if (presence === null) {
      overrides.delete(agentId);
      return;
    }
    if (!PRESENCES.has(presence))
      throw new TypeError(`presence override: unknown presence "${String(presence)}"`);
    overrides.set(agentId, presence);
  };
  for (const [agentId, presence] of Object.entries(options.overrides ?? {})) setOverride(agentId, presence);

  const endpointChanged = (endpoint: AriEndpoint) => {
    endpoints.set(`${endpoint.technology}/${endpoint.resource}`, {
      state: endpoint.state ?? null,
      channels: endpoint.channel_ids.length,
    });
  };

  const readDevice = async (device: string) => {
    const version = versions.get(device) ?? 0;
    const { state } = await clientOf().deviceStates.get(device);
    if ((versions.get(device) ?? 0) === version) devices.set(device, state);
  };

  const follow = async (device: string): Promise<void> => {
    followed.add(device);
    try {
      await clientOf().applications.subscribe(app, `deviceState:${device}`);
      await readDevice(device);
    } catch (error) {
      log('warn', 'ari.presenceUnavailable', {
        device,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const loadEndpoints = async () => {
    try {
      const list = await clientOf().endpoints.list();
      endpoints.clear();
      for (const endpoint of list) endpointChanged(endpoint);
      endpointsLoaded = true;
      const techs = [...new Set(list.map((endpoint) => endpoint.technology))];
      if (techs.length > 0)
        await clientOf().applications.subscribe(
          app,
          techs.map((tech) => `endpoint:${tech}`),
        );
    } catch (error) {
      log('warn', 'ari.presenceUnavailable', {
        device: 'endpoints',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const presenceOf = (device: string): AgentPresence => {
    const endpoint = endpoints.get(device);
    if (endpoint?.state === 'offline') return 'offline';
    const state = devices.get(device);
    if (state !== undefined) return DEVICE_STATE_PRESENCE[state] ?? 'available';
    if (endpoint !== undefined) return endpoint.channels > 0 ? 'inCall' : 'available';
    // A PJSIP endpoint missing from Asterisk's list cannot be called.
    if (endpointsLoaded && device.toUpperCase().startsWith('PJSIP/')) return 'offline';
    return 'available';
  };

  const presence = (agentId: string): AgentPresence => {
    const override = overrides.get(agentId);
    if (override !== undefined) return override;
    if (source === 'off') return 'available';
    const device = deviceFor(agentId);
    if (!followed.has(device)) void follow(device);
    return presenceOf(device);
  };

  return {
    directory: { presence: (agentId) => presence(agentId) },
    async start() {
      if (source === 'off') return;
      await loadEndpoints();
      await Promise.all((options.agents ?? []).map((agentId) => follow(deviceFor(agentId))));
    },
    async refresh() {
      if (source === 'off') return;
      await loadEndpoints();
      await Promise.all([...followed].map((device) => follow(device)));
    },
    deviceStateChanged(name, state) {
      versions.set(name, (versions.get(name) ?? 0) + 1);
      devices.set(name, state);
    },
    endpointChanged,
    setOverride,
    describe(agentId) {
      const device = deviceFor(agentId);
      return {
        presence: presence(agentId),
        device,
        deviceState: devices.get(device) ?? null,
        endpointState: endpoints.get(device)?.state ?? null,
        override: overrides.get(agentId) ?? null,
      };
    },
  };
}
