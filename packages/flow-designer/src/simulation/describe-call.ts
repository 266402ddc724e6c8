import { getNodeKind, isCallOutcome } from '@ringflow/flow-core';
import type { CallEvent, CallResult, FlowDocument, LegRecord } from '@ringflow/flow-core';
import type { Translator } from '../i18n/i18n.js';
import { flowNumbers } from './call-setup.js';

/*
 * Calls as an admin reads them: node labels instead of ids, agent names, localized outcomes, leg
 * statuses and timeline lines. Only wording: every fact comes from flow-core's call record.
 */

/** A node as the canvas names it: its label, else its kind's title and id. */
export function nodeName(flow: FlowDocument, nodeId: string, { text }: Translator): string {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return nodeId;
  if (node.label !== undefined && node.label.trim() !== '') return node.label;
  const kind = getNodeKind(node.kind);
  return kind === undefined ? node.id : `${text(kind.title)} (${node.id})`;
}

/** The label of the port `portId` of node `nodeId`, from its kind; the id when unknown. */
function portName(flow: FlowDocument, nodeId: string, portId: string, { text }: Translator): string {
  const node = flow.nodes.find((n) => n.id === nodeId);
  const kind = node === undefined ? undefined : getNodeKind(node.kind);
  const port = kind?.portsOf(node!.config as never).find((p) => p.id === portId);
  return port === undefined ? portId : text(port.label);
}

/** An agent's name, else the id. */
export function agentName(flow: FlowDocument, agentId: string): string {
  return flow.agents.find((a) => a.id === agentId)?.name ?? agentId;
}

/** Who a leg rang: the agent's name, or the number with what the flow calls it. */
export function legTarget(flow: FlowDocument, leg: { agent?: unknown; number?: unknown }): string {
  if (typeof leg.agent === 'string') return agentName(flow, leg.agent);
  if (typeof leg.number !== 'string') return '';
  const known = flowNumbers(flow).find((n) => n.number === leg.number);
  return known === undefined ? leg.number : `${known.label} (${leg.number})`;
}

/** A leg status in words (the code stays beside it in the tables: it is what call logs show). */
export function legStatus(status: LegRecord['status'], { t }: Translator): string {
  return t(`simulation.leg.${status}`);
}

/** The reason a call ended without an answer, in words (lower case, to sit inside a sentence). */
export function missedReason(result: CallResult, tr: Translator): string | null {
  return result.missedReason === null ? null : tr.t(`simulation.missed.${result.missedReason}`);
}

function rejectionReason(result: CallResult, tr: Translator): string {
  const reason = result.events.find((e) => e.type === 'call.rejected')?.['reason'];
  if (reason === 'anonymous' || reason === 'blocked') return tr.t(`simulation.rejectReason.${reason}`);
  return missedReason(result, tr) ?? tr.t('simulation.missed.rejected');
}

/**
 * What happened to a call, in a few words that fit after a time: "répondu par Léa Fontaine",
 * "missed (closed)".
 */
export function describeOutcome(result: CallResult, flow: FlowDocument, tr: Translator): string {
  const { t } = tr;
  switch (result.outcome) {
    case 'answered':
      return t('simulation.said.answered', { agent: agentName(flow, result.answeredBy ?? '') });
    case 'forwarded': {
      const leg = result.legs.findLast((l) => l.status === 'ANSWERED' && l.number !== undefined);
      return t('simulation.said.forwarded', { number: leg === undefined ? '' : legTarget(flow, leg) });
    }
    case 'voicemail':
      return t('simulation.said.voicemail', { mailbox: result.voicemail?.mailbox ?? '' });
    case 'completed':
      return t('simulation.said.completed');
    case 'abandoned':
      return t('simulation.said.abandoned');
    case 'rejected':
      return t('simulation.said.rejected', { reason: rejectionReason(result, tr) });
    case 'missed':
      return t('simulation.said.missed', {
        reason: missedReason(result, tr) ?? t('simulation.missed.noAnswer'),
      });
  }
}

const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** One line of the call's timeline, in words. Unknown event types are shown as they are. */
export function describeEvent(event: CallEvent, flow: FlowDocument, tr: Translator): string {
  const { t } = tr;
  const node = event.node === undefined ? '' : nodeName(flow, event.node, tr);
  switch (event.type) {
    case 'call.started':
      return t('simulation.event.call.started', {
        from: event['from'] === null ? t('simulation.hiddenNumber') : str(event['from']),
        to: str(event['to']),
      });
    case 'call.rejected': {
      const reason = event['reason'];
      return t('simulation.event.call.rejected', {
        reason:
          reason === 'anonymous' || reason === 'blocked'
            ? t(`simulation.rejectReason.${reason}`)
            : str(reason),
      });
    }
    case 'call.channelAnswered':
    case 'call.hungup':
    case 'bridge.ended':
    case 'digit.timeout':
    case 'recording.started':
    case 'recording.optedOut':
      return t(`simulation.event.${event.type}`);
    case 'call.ended': {
      const outcome = str(event['outcome']);
      return t('simulation.event.call.ended', {
        outcome: isCallOutcome(outcome) ? t(`simulation.outcome.${outcome}`) : outcome,
      });
    }
    case 'call.maxStepsReached':
      return t('simulation.event.call.maxStepsReached', { maxSteps: str(event['maxSteps']) });
    case 'node.entered':
      return t('simulation.event.node.entered', { node });
    case 'node.exited':
      return t('simulation.event.node.exited', {
        node,
        port:
          event.node === undefined ? str(event['port']) : portName(flow, event.node, str(event['port']), tr),
      });
    case 'schedule.checked': {
      const id = str(event['schedule']);
      const status = event['status'];
      return t('simulation.event.schedule.checked', {
        schedule: flow.schedules.find((s) => s.id === id)?.name ?? id,
        status:
          status === 'open' || status === 'closed' || status === 'holiday'
            ? t(`simulation.schedule.${status}`)
            : str(status),
      });
    }
    case 'condition.evaluated':
      return t('simulation.event.condition.evaluated', {
        available: str(event['available']),
        members: str(event['members']),
        value: event['value'] === true ? t('simulation.yes') : t('simulation.no'),
      });
    case 'leg.status': {
      const status = str(event['status']);
      const known = [
        'ANSWERED',
        'NO_ANSWER',
        'CALL_ANSWERED',
        'TOOLATE',
        'REJECTED',
        'INCALL',
        'SNOOZE',
        'PLANNING',
        'NOT_CONNECTED',
        'ERROR',
      ] as const;
      const match = known.find((s) => s === status);
      return t('simulation.event.leg.status', {
        target: legTarget(flow, { agent: event['agent'], number: event['number'] }),
        status: match === undefined ? status : legStatus(match, tr),
      });
    }
    case 'bridge.started': {
      const other = str(event['with']);
      const isAgent = flow.agents.some((a) => a.id === other);
      return t('simulation.event.bridge.started', {
        target: legTarget(flow, isAgent ? { agent: other } : { number: other }),
      });
    }
    case 'digit.received':
      return t('simulation.event.digit.received', { digit: str(event['digit']) });
    case 'poll.answered':
      return t('simulation.event.poll.answered', {
        poll: str(event['poll']),
        question: str(event['question']),
        value: str(event['value']),
      });
    case 'poll.outOfRange':
      return t('simulation.event.poll.outOfRange', {
        question: str(event['question']),
        digit: str(event['digit']),
      });
    case 'poll.noInput':
      return t('simulation.event.poll.noInput', { question: str(event['question']) });
    case 'voicemail.recorded':
      return t('simulation.event.voicemail.recorded', {
        seconds: str(event['seconds']),
        mailbox: str(event['mailbox']),
      });
    case 'engine.error':
      return t('simulation.event.engine.error', { message: str(event['message']) });
    default: {
      const { at: _at, type, node: _node, ...detail } = event;
      const rest = Object.keys(detail).length === 0 ? '' : ` ${JSON.stringify(detail)}`;
      return `${type}${node === '' ? '' : ` ${node}`}${rest}`;
    }
  }
}
