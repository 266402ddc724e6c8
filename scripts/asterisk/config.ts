/**
 * The configuration files of one lab Asterisk instance, as text. Pure: instance.ts writes them.
 *
 * Everything binds to 127.0.0.1; only the modules ringflow needs are loaded (fast start, no ERROR lines).
 */

/** What the generated configuration depends on. */
export interface AsteriskConfigInput {
  /** Instance folder as seen inside the chroot, e.g. `/ringflow/dev`. */
  chrootDir: string;
  httpPort: number;
  sipPort: number;
  ariUser: string;
  ariPassword: string;
  /** SIP agents reachable as `PJSIP/<id>` (a sipp server listening on 127.0.0.1:<port>). */
  sipAgents: readonly { id: string; port: number }[];
  /** RTP port range of this instance (inclusive). */
  rtpPorts: readonly [number, number];
  /** Console and `messages` verbosity (0 = notices, warnings and errors only; 3 = dialplan steps). */
  verbose: number;
}

/** The Stasis application calls go to when nothing overrides it. */
export const DEFAULT_STASIS_APP = 'ringflow';

/** The PJSIP endpoint every INVITE from 127.0.0.1 is identified as (sipp callers). */
export const INBOUND_ENDPOINT = 'caller';

/** The modules a lab instance loads, in the order Asterisk is told about them. */
export const LAB_MODULES: readonly string[] = [
  // Sorcery, timing, RTP and codecs first: almost everything else builds on them.
  'res_sorcery_config.so',
  'res_sorcery_memory.so',
  'res_sorcery_memory_cache.so',
  'res_sorcery_astdb.so',
  'res_timing_timerfd.so',
  'res_rtp_asterisk.so',
  'codec_ulaw.so',
  'codec_alaw.so',
  'codec_a_mu.so',
  'codec_gsm.so',
  'codec_resample.so',
  'format_wav.so',
  'format_wav_gsm.so',
  'format_gsm.so',
  'format_pcm.so',
  'format_sln.so',
  // Dialplan and the applications the lab dialplan uses.
  'pbx_config.so',
  'app_dial.so',
  'app_echo.so',
  'app_playback.so',
  'app_senddtmf.so',
  'app_stasis.so',
  'app_while.so',
  'app_stack.so',
  'app_exec.so',
  'res_clioriginate.so',
  'func_callerid.so',
  'func_channel.so',
  'func_cut.so',
  'func_hangupcause.so',
  'func_logic.so',
  'func_strings.so',
  // Bridges and media channels (ARI bridges, playback/recording on bridges).
  'bridge_simple.so',
  'bridge_softmix.so',
  'bridge_native_rtp.so',
  'bridge_holding.so',
  'chan_bridge_media.so',
  'res_musiconhold.so',
  // sound:http://... playback.
  'res_curl.so',
  'res_http_media_cache.so',
  // PJSIP over UDP, identify by IP, RFC 4733 DTMF.
  'res_pjproject.so',
  'res_pjsip.so',
  'res_pjsip_session.so',
  'res_pjsip_pubsub.so',
  'res_pjsip_sdp_rtp.so',
  'res_pjsip_endpoint_identifier_ip.so',
  'res_pjsip_authenticator_digest.so',
  'res_pjsip_caller_id.so',
  'res_pjsip_header_funcs.so',
  'res_pjsip_rfc3326.so',
  'res_pjsip_dtmf_info.so',
  'res_pjsip_logger.so',
  'chan_pjsip.so',
  // ARI and Stasis.
  'res_http_websocket.so',
  'res_websocket_client.so',
  'res_stasis.so',
  'res_stasis_answer.so',
  'res_stasis_playback.so',
  'res_stasis_recording.so',
  'res_stasis_snoop.so',
  'res_stasis_device_state.so',
  'res_ari.so',
  'res_ari_model.so',
  'res_ari_applications.so',
  'res_ari_asterisk.so',
  'res_ari_bridges.so',
  'res_ari_channels.so',
  'res_ari_device_states.so',
  'res_ari_endpoints.so',
  'res_ari_events.so',
  'res_ari_playbacks.so',
  'res_ari_recordings.so',
  'res_ari_sounds.so',
];

/** File name (inside the instance's etc folder) -> content. */
export function renderAsteriskConfig(input: AsteriskConfigInput): Record<string, string> {
  const d = input.chrootDir;
  return {
    'asterisk.conf': ini({
      directories: [
        `astetcdir => ${d}/etc`,
        'astmoddir => /usr/lib/x86_64-linux-gnu/asterisk/modules',
        `astvarlibdir => ${d}/lib`,
        `astdbdir => ${d}/lib`,
        `astkeydir => ${d}/lib`,
        'astdatadir => /usr/share/asterisk',
        'astagidir => /usr/share/asterisk/agi-bin',
        `astspooldir => ${d}/spool`,
        `astrundir => ${d}/run`,
        `astlogdir => ${d}/log`,
        // Short on purpose: Asterisk 22 fails to play a sound:http:// URL shorter than the path of its
        // cached copy (asterisk/asterisk#444). /tmp/bucket-XXXXXX.ext is shorter than any http://127.0.0.1 URL.
        'astcachedir => /tmp',
        'astsbindir => /usr/sbin',
      ],
      options: [
        'runuser = root',
        'rungroup = root',
        `verbose = ${input.verbose}`,
        'debug = 0',
        'defaultlanguage = en',
        'documentation_language = en_US',
        'transmit_silence = yes',
        'hideconnect = yes',
        'cache_media_frames = yes',
      ],
    }),
    'modules.conf': ini({
      modules: ['autoload = no', ...LAB_MODULES.map((m) => `load = ${m}`)],
    }),
    'logger.conf': ini({
      general: ['dateformat = %F %T.%3q'],
      logfiles: [
        `console => notice,warning,error${input.verbose > 0 ? ',verbose' : ''}`,
        `messages => notice,warning,error,dtmf${input.verbose > 0 ? ',verbose' : ''}`,
      ],
    }),
    'http.conf': ini({
      general: [
        'enabled = yes',
        'bindaddr = 127.0.0.1',
        `bindport = ${input.httpPort}`,
        'servername = ringflow-lab',
        // ARI requests of many calls in progress share the HTTP server; Asterisk's default of 100
        // sessions resets connections past it.
        'sessionlimit = 1000',
      ],
    }),
    'ari.conf': ini({
      general: ['enabled = yes', 'pretty = no', 'allowed_origins = *'],
      [input.ariUser]: [
        'type = user',
        'read_only = no',
        'password_format = plain',
        `password = ${input.ariPassword}`,
      ],
    }),
    'stasis.conf': ini({
      taskpool: ['minimum_size = 5', 'initial_size = 5', 'idle_timeout_sec = 20', 'max_size = 50'],
    }),
    'cdr.conf': ini({ general: ['enable = no'] }),
    'cel.conf': ini({ general: ['enable = no'] }),
    'features.conf': ini({ general: [] }),
    'ccss.conf': ini({ general: [] }),
    'acl.conf': '',
    'manager.conf': ini({ general: ['enabled = no'] }),
    'udptl.conf': ini({ general: ['udptlstart = 4000', 'udptlend = 4999'] }),
    'pjproject.conf': ini({ startup: ['type = startup', 'log_level = 1'] }),
    'websocket_client.conf': '',
    'rtp.conf': ini({
      general: [
        `rtpstart = ${input.rtpPorts[0]}`,
        `rtpend = ${input.rtpPorts[1]}`,
        'strictrtp = no',
        'icesupport = no',
      ],
    }),
    'indications.conf': INDICATIONS,
    'musiconhold.conf': ini({ default: ['mode = files', `directory = ${d}/moh`, 'sort = alpha'] }),
    'res_http_media_cache.conf': ini({
      general: ['timeout_secs = 10', 'follow_location = true', 'max_redirects = 4'],
    }),
    'pjsip.conf': renderPjsip(input),
    'extensions.conf': renderExtensions(),
  };
}

function renderPjsip(input: AsteriskConfigInput): string {
  const media = [
    'disallow = all',
    'allow = ulaw,alaw',
    'dtmf_mode = rfc4733',
    'direct_media = no',
    'rtp_symmetric = yes',
    'force_rport = yes',
    'media_address = 127.0.0.1',
    'bind_rtp_to_media_address = yes',
    'send_pai = yes',
    'trust_id_inbound = yes',
    'trust_id_outbound = yes',
    // Plain SIP dialogs: sipp scenarios do not expect re-INVITEs, UPDATEs, session refreshes or PRACK.
    'send_connected_line = no',
    'timers = no',
    '100rel = no',
  ];
  const sections: string[] = [
    ini({
      global: ['type = global', 'user_agent = ringflow-lab', 'endpoint_identifier_order = ip'],
      'transport-udp': ['type = transport', 'protocol = udp', `bind = 127.0.0.1:${input.sipPort}`],
      // Every INVITE from 127.0.0.1 (sipp callers) arrives here, without authentication.
      [INBOUND_ENDPOINT]: [
        'type = endpoint',
        'transport = transport-udp',
        'context = ringflow-inbound',
        ...media,
      ],
    }),
    `[${INBOUND_ENDPOINT}-identify]\ntype = identify\nendpoint = ${INBOUND_ENDPOINT}\nmatch = 127.0.0.1\n`,
  ];
  for (const agent of input.sipAgents) {
    sections.push(
      ini({
        // Calls the agent itself places land in the inbound context too.
        [agent.id]: [
          'type = endpoint',
          'transport = transport-udp',
          'context = ringflow-inbound',
          `aors = ${agent.id}`,
          ...media,
        ],
      }),
      `[${agent.id}]\ntype = aor\ncontact = sip:${agent.id}@127.0.0.1:${agent.port}\nqualify_frequency = 0\n`,
    );
  }
  return sections.join('\n');
}

/**
 * The lab dialplan. Agents take their behaviour from the dialed name so one context serves any test:
 * see docs/asterisk-lab.md for the hang-up cause each one produces.
 */
function renderExtensions(): string {
  return `; Generated by scripts/asterisk/instance.ts; rewritten at each start.
[general]
static = yes
writeprotect = yes
clearglobalvars = yes

[globals]

; Every dialed number (digits, +E.164, names, or none) goes to the Stasis app. The app is, in order: the
; X-Ringflow-App SIP header, the RINGFLOW_APP channel variable, or "${DEFAULT_STASIS_APP}".
[ringflow-inbound]
${['_[+0-9a-zA-Z*#].', '_[0-9*#]', 's']
  .map(
    (pattern) =>
      `exten => ${pattern},1,Gosub(ringflow-app,s,1)\n same => n,Stasis(\${RINGFLOW_APP})\n same => n,Hangup()\n`,
  )
  .join('')}
; Sets RINGFLOW_APP (see above) and returns.
[ringflow-app]
; (IF() would evaluate PJSIP_HEADER on Local channels too, logging an error on every call.)
exten => s,1,GotoIf($["\${CHANNEL(channeltype)}" != "PJSIP"]?app)
 same => n,Set(HDR=\${PJSIP_HEADER(read,X-Ringflow-App)})
 same => n,ExecIf($["\${HDR}" != ""]?Set(RINGFLOW_APP=\${HDR}))
 same => n(app),ExecIf($["\${RINGFLOW_APP}" = ""]?Set(RINGFLOW_APP=${DEFAULT_STASIS_APP}))
 same => n,Return()

; Test agents, as Local channels (Local/<name>@ringflow-agents):
;   answer-<N>              rings N seconds (decimals allowed), answers, stays up until hung up
;   answer-<N>-hangup-<M>   rings N seconds, answers, hangs up M seconds later
;   never                   rings until cancelled
;   busy / reject / congestion / unreachable   fail at once with the cause documented in docs/asterisk-lab.md
[ringflow-agents]
exten => _a[n]swer-.,1,Set(RING=\${CUT(EXTEN,-,2)})
 same => n,Set(TALK=\${IF($["\${CUT(EXTEN,-,3)}" = "hangup"]?\${CUT(EXTEN,-,4)}:86400)})
 same => n,Ringing()
 same => n,Wait(\${RING})
 same => n,Answer()
 same => n,Wait(\${TALK})
 same => n,Hangup(16)
exten => never,1,Ringing()
 same => n,Wait(86400)
 same => n,Hangup(19)
exten => busy,1,Hangup(17)
exten => reject,1,Hangup(21)
exten => congestion,1,Hangup(34)
exten => unreachable,1,Hangup(3)

; Native ring group, the baseline ringflow is compared with under load:
;   group-<N>[-<agent>]: rings N agents at once for RINGFLOW_RING_SECONDS (default 30); the first leg behaves
;   as <agent> (default answer-1), the N-1 others as "never". Dial returns when the call ends.
[ringflow-native]
exten => _group-.,1,Set(N=\${CUT(EXTEN,-,2)})
 same => n,Set(FIRST=\${CUT(EXTEN,-,3-)})
 same => n,Set(FIRST=\${IF($["\${FIRST}" = ""]?answer-1:\${FIRST})})
 same => n,Set(RING=\${IF($["\${RINGFLOW_RING_SECONDS}" = ""]?30:\${RINGFLOW_RING_SECONDS})})
 same => n,Set(LEGS=Local/\${FIRST}@ringflow-agents)
 same => n,Set(I=1)
 same => n,While($[\${I} < \${N}])
 same => n,Set(LEGS=\${LEGS}&Local/never@ringflow-agents)
 same => n,Set(I=$[\${I} + 1])
 same => n,EndWhile()
 same => n,Dial(\${LEGS},\${RING})
 same => n,Hangup()
`;
}

const INDICATIONS = `[general]
country = us

[us]
description = United States / North America
ringcadence = 2000,4000
dial = 350+440
busy = 480+620/500,0/500
ring = 440+480/2000,0/4000
congestion = 480+620/250,0/250
callwaiting = 440/300,0/10000
dialrecall = !350+440/100,!0/100,!350+440/100,!0/100,!350+440/100,!0/100,350+440
record = 1400/500,0/15000
info = !950/330,!1400/330,!1800/330,0
stutter = !350+440/100,!0/100,!350+440/100,!0/100,!350+440/100,!0/100,350+440
`;

function ini(sections: Record<string, readonly string[]>): string {
  return Object.entries(sections)
    .map(([name, lines]) => `[${name}]\n${lines.map((line) => `${line}\n`).join('')}`)
    .join('\n');
}
