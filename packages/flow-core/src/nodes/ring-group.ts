import { z } from 'zod';
import {
  memberSchema,
  soundRefSchema,
  UNAVAILABILITY_REASONS,
  unavailabilitySchema,
} from '../document/primitives.js';
import { defineNodeKind } from './define.js';
import { checkDuplicateMembers, memberReferences, soundReferences } from './references.js';
import { SKIP_STATUS, type NodeContext } from '../engine/node-context.js';
import type { LegTarget } from '../engine/types.js';

const ringGroupConfig = z.strictObject({
  members: z.array(memberSchema).max(200).default([]),
  strategy: z.enum(['simultaneous', 'cascade']).default('simultaneous'),
  ringSeconds: z.number().int().min(5).max(300).default(20),
  repeat: z.number().int().min(0).max(10).default(0),
  skip: unavailabilitySchema.default([...UNAVAILABILITY_REASONS]),
  music: soundRefSchema.optional(),
});

type RingContext = NodeContext<z.output<typeof ringGroupConfig>>;

/*
 * Runtime state of one visit: `round` (0 to repeat), `index` (next member, in cascade), `legs` (the
 * legs ringing now), `rang` (a leg rang during this visit), `skipped` (agents whose skip is already
 * in the call log: recorded once per visit, not once per round).
 */

/** True when the member may be rung now; records why not, once per visit. */
function eligible(ctx: RingContext, member: LegTarget): boolean {
  if (member.kind === 'number') return true;
  const reason = ctx.unavailability(member.agent, ctx.config.skip);
  if (reason === null) return true;
  const skipped = ctx.state.skipped as string[];
  if (!skipped.includes(member.agent)) {
    skipped.push(member.agent);
    ctx.recordLeg(member, SKIP_STATUS[reason]);
  }
  return false;
}

function ringNow(ctx: RingContext, targets: LegTarget[]): void {
  ctx.state.legs = ctx.ring(targets, ctx.config.ringSeconds, ctx.config.music);
  ctx.state.rang = true;
  ctx.setTimer('ring', ctx.config.ringSeconds);
}

/** Starts a round: everybody available at once, or the first available member in cascade. */
function startRound(ctx: RingContext): void {
  const members = ctx.members(ctx.config.members);
  if (ctx.config.strategy === 'cascade') {
    ctx.state.index = 0;
    nextInCascade(ctx);
    return;
  }
  // Statuses are read again at each round: an agent may have come back in the meantime.
  const ready = members.filter((member) => eligible(ctx, member));
  if (ready.length > 0) ringNow(ctx, ready);
  else endRound(ctx);
}

function nextInCascade(ctx: RingContext): void {
  const members = ctx.members(ctx.config.members);
  while ((ctx.state.index as number) < members.length) {
    const member = members[ctx.state.index as number]!;
    ctx.state.index = (ctx.state.index as number) + 1;
    if (eligible(ctx, member)) {
      ringNow(ctx, [member]);
      return;
    }
  }
  endRound(ctx);
}

/** Nobody answered this round: another round while `repeat` allows, else leave. */
function endRound(ctx: RingContext): void {
  ctx.state.legs = [];
  if (!(ctx.state.rang as boolean)) {
    // Every member was skipped: there is nobody to ring, in this round or any other.
    ctx.missed('noAgentAvailable');
    ctx.exit('unavailable');
  } else if ((ctx.state.round as number) < ctx.config.repeat) {
    ctx.state.round = (ctx.state.round as number) + 1;
    startRound(ctx);
  } else {
    ctx.missed('noAnswer');
    ctx.exit('noAnswer');
  }
}

/** The legs of this ring are all over: the next member in cascade, else the end of the round. */
function advance(ctx: RingContext): void {
  if (ctx.config.strategy === 'cascade') nextInCascade(ctx);
  else endRound(ctx);
}

/** Rings agents, groups and external numbers, all at once or one after the other. */
export const ringGroup = defineNodeKind({
  kind: 'ringGroup',
  version: 1,
  category: 'calls',
  title: { en: 'Ring group', fr: 'Groupe de sonnerie' },
  description: {
    en: 'Rings its members simultaneously or in cascade, for a ring time, optionally repeating the whole sequence. Members who are offline, on do-not-disturb, outside their planning or already in a call are skipped. The first to answer is connected with the caller.',
    fr: 'Fait sonner ses membres simultanément ou en cascade, pendant un temps de sonnerie, en répétant éventuellement la séquence. Les membres déconnectés, en ne pas déranger, hors planning ou déjà en appel sont ignorés. Le premier qui décroche est mis en relation avec l’appelant.',
  },
  config: ringGroupConfig,
  ports: [
    { id: 'afterCall', label: { en: 'After the call', fr: 'Après l’appel' }, terminalSafe: true },
    { id: 'noAnswer', label: { en: 'No answer', fr: 'Sans réponse' } },
    { id: 'unavailable', label: { en: 'Nobody available', fr: 'Personne de disponible' } },
  ],
  waitsFor: 'ring',
  references: (config) => [
    ...memberReferences(config.members, ['members']),
    ...soundReferences(config.music, ['music']),
  ],
  check: (config, context) => {
    if (config.members.length === 0)
      context.report('empty_ring_group', ['members'], { nodeId: context.nodeId });
    checkDuplicateMembers(config.members, ['members'], context);
  },
  runtime: {
    enter(ctx) {
      ctx.tryingToReach();
      ctx.state.round = 0;
      ctx.state.rang = false;
      ctx.state.skipped = [];
      ctx.state.legs = [];
      startRound(ctx);
    },
    on(event, ctx) {
      const legs = ctx.state.legs as string[];
      if (event.type === 'leg.answered' && legs.includes(event.legId) && ctx.state.bridged === undefined) {
        ctx.clearTimer('ring');
        ctx.state.bridged = event.legId;
        ctx.bridge(event.legId, 'agent');
        ctx.cancelLegs(
          legs.filter((id) => id !== event.legId),
          'answeredElsewhere',
          'CALL_ANSWERED',
        );
      } else if (event.type === 'leg.failed' && legs.includes(event.legId)) {
        ctx.closeLeg(event.legId, ctx.failureStatus(event.legId, event.reason));
        if (legs.every((id) => ctx.leg(id)?.phase === 'closed')) {
          ctx.clearTimer('ring');
          advance(ctx);
        }
      } else if (event.type === 'timer' && event.name === 'ring') {
        ctx.cancelLegs(legs, 'timeout', 'NO_ANSWER');
        advance(ctx);
      } else if (event.type === 'bridge.ended' && event.legId === ctx.state.bridged) {
        ctx.bridgeEnded(event.legId);
        ctx.exit('afterCall');
      }
    },
  },
  example: {
    members: [{ agent: 'alice' }, { group: 'sales' }],
    strategy: 'cascade',
    ringSeconds: 20,
    repeat: 1,
  },
});
