/**
 * Every string the designer shows, in French (the default) and English. Texts that describe the flow
 * itself (kind titles, port labels, issue messages) come from flow-core; these are the designer's own.
 * `{name}` placeholders are filled by `formatMessage`.
 */
import { editorMessages } from '../editor/messages.js';
import { inspectorMessages } from '../inspector/messages.js';
import { libraryMessages } from '../library/messages.js';
import { simulationMessages } from '../simulation/messages.js';
import { startMessages } from '../start/messages.js';

const fr = {
  'problems.title': 'Problèmes',
  'problems.none': 'Aucun problème : le flux est valide.',
  'problems.count': '{errors} erreur(s), {warnings} avertissement(s)',
  'problems.code': 'Code',
  'problems.message': 'Message',
  'problems.node': 'Nœud',
  'problems.severity.error': 'Erreur',
  'problems.severity.warning': 'Avertissement',
  'badge.errors': '{count} erreur(s)',
  'badge.warnings': '{count} avertissement(s)',
  'node.entry': 'Entrée',
  'node.input': 'Entrée de l’appel',
  'sound.none': 'Aucun message',
  'sound.file': 'Fichier : {file}',
  'sound.unknown': 'Son inconnu : {id}',
  'member.unknownAgent': 'Agent inconnu : {id}',
  'member.unknownGroup': 'Groupe inconnu : {id}',
  'member.group': 'Groupe {name}',
  'members.none': 'Aucun membre',
  'ringGroup.strategy.simultaneous': 'Simultané',
  'ringGroup.strategy.cascade': 'En cascade',
  'ringGroup.ringSeconds': 'Sonnerie : {seconds} s',
  'ringGroup.repeat': 'Répétitions : {count}',
  'businessHours.unknownSchedule': 'Horaire inconnu : {id}',
  'businessHours.now.open': 'Ouvert en ce moment',
  'businessHours.now.closed': 'Fermé en ce moment',
  'businessHours.now.holiday': 'Jour férié en ce moment',
  'businessHours.now.unknown': 'État actuel inconnu',
  'announcement.loops': 'Diffusé {count} fois',
  'announcement.earlyMedia': 'Avant décroché',
  'menu.prompt': 'Message : {text}',
  'menu.timeout': 'Délai : {seconds} s, {attempts} essai(s)',
  'agentCondition.when.allUnavailable': 'Tous indisponibles ?',
  'agentCondition.when.anyAvailable': 'Au moins un disponible ?',
  'callerMatch.numbers': 'Numéros : {numbers}',
  'callerMatch.vip': 'Appelants VIP',
  'callerMatch.anonymous': 'Numéros masqués',
  'callerMatch.nothing': 'Aucun critère',
  'poll.questions': '{count} question(s)',
  'poll.id': 'Sondage « {id} »',
  'voicemail.mailbox': 'Boîte : {mailbox}',
  'voicemail.maxSeconds': 'Jusqu’à {seconds} s',
  'forward.number': 'Vers {number}',
  'forward.ringSeconds': 'Sonnerie : {seconds} s',
  'forward.callerId.caller': 'Présente le numéro de l’appelant',
  'forward.callerId.flow': 'Présente le numéro du flux',
  'hangup.silent': 'Raccroche sans message',
} as const;

/** The key of a designer string of this module (the canvas and the problems panel). */
type CoreKey = keyof typeof fr;

const en: Readonly<Record<CoreKey, string>> = {
  'problems.title': 'Problems',
  'problems.none': 'No problems: the flow is valid.',
  'problems.count': '{errors} error(s), {warnings} warning(s)',
  'problems.code': 'Code',
  'problems.message': 'Message',
  'problems.node': 'Node',
  'problems.severity.error': 'Error',
  'problems.severity.warning': 'Warning',
  'badge.errors': '{count} error(s)',
  'badge.warnings': '{count} warning(s)',
  'node.entry': 'Entry',
  'node.input': 'Call input',
  'sound.none': 'No message',
  'sound.file': 'File: {file}',
  'sound.unknown': 'Unknown sound: {id}',
  'member.unknownAgent': 'Unknown agent: {id}',
  'member.unknownGroup': 'Unknown group: {id}',
  'member.group': 'Group {name}',
  'members.none': 'No members',
  'ringGroup.strategy.simultaneous': 'Simultaneous',
  'ringGroup.strategy.cascade': 'Cascade',
  'ringGroup.ringSeconds': 'Rings: {seconds} s',
  'ringGroup.repeat': 'Repeats: {count}',
  'businessHours.unknownSchedule': 'Unknown schedule: {id}',
  'businessHours.now.open': 'Open right now',
  'businessHours.now.closed': 'Closed right now',
  'businessHours.now.holiday': 'Holiday right now',
  'businessHours.now.unknown': 'Current state unknown',
  'announcement.loops': 'Played {count} times',
  'announcement.earlyMedia': 'Before answering',
  'menu.prompt': 'Prompt: {text}',
  'menu.timeout': 'Timeout: {seconds} s, {attempts} attempt(s)',
  'agentCondition.when.allUnavailable': 'All unavailable?',
  'agentCondition.when.anyAvailable': 'Any available?',
  'callerMatch.numbers': 'Numbers: {numbers}',
  'callerMatch.vip': 'VIP callers',
  'callerMatch.anonymous': 'Hidden numbers',
  'callerMatch.nothing': 'No criteria',
  'poll.questions': '{count} question(s)',
  'poll.id': 'Poll “{id}”',
  'voicemail.mailbox': 'Mailbox: {mailbox}',
  'voicemail.maxSeconds': 'Up to {seconds} s',
  'forward.number': 'To {number}',
  'forward.ringSeconds': 'Rings: {seconds} s',
  'forward.callerId.caller': 'Shows the caller’s number',
  'forward.callerId.flow': 'Shows the flow’s number',
  'hangup.silent': 'Hangs up without a message',
};

const frAll = {
  ...fr,
  ...editorMessages.fr,
  ...inspectorMessages.fr,
  ...libraryMessages.fr,
  ...simulationMessages.fr,
  ...startMessages.fr,
} as const;

/** The key of a designer string. */
export type MessageKey = keyof typeof frAll;

/** A complete set of designer strings: the compiler rejects a language that misses a key. */
export type Messages = Readonly<Record<MessageKey, string>>;

/**
 * The designer's strings in each language it speaks. Each area of the designer keeps its strings
 * beside its code (`src/<area>/messages.ts`, French and English, checked key for key by
 * {@link defineMessages}); this is where they meet.
 */
export const MESSAGES: Readonly<Record<'fr' | 'en', Messages>> = {
  fr: frAll,
  en: {
    ...en,
    ...editorMessages.en,
    ...inspectorMessages.en,
    ...libraryMessages.en,
    ...simulationMessages.en,
    ...startMessages.en,
  },
};
