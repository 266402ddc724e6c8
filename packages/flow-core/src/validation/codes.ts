import type { LocalizedText } from '../i18n/locale.js';

/** How bad a problem is: an `error` makes a flow unusable; a `warning` is worth a look. */
export type Severity = 'error' | 'warning';

/**
 * One entry of the issue code table: its severity and its message in every language. Messages are
 * templates; `{name}` is replaced by the issue's param of that name.
 */
export interface IssueCodeSpec {
  readonly severity: Severity;
  readonly message: LocalizedText;
}

/**
 * Every problem ringflow reports about a flow document, by stable snake_case code. Codes are
 * persisted in users' tooling: never rename one, add a new one instead. Each is documented with an
 * example in docs/errors.md and has a fixture under packages/flow-core/test/fixtures/invalid/.
 */
export const ISSUE_CODES = {
  // The text and shape of the document.
  invalid_json: {
    severity: 'error',
    message: {
      en: 'The file is not valid JSON (line {line}, column {column}): {detail}.',
      fr: "Le fichier n'est pas un JSON valide (ligne {line}, colonne {column}) : {detail}.",
    },
  },
  document_too_large: {
    severity: 'error',
    message: {
      en: 'The document is too large: {size} is over the limit of {limit}.',
      fr: 'Le document est trop volumineux : {size} dépasse la limite de {limit}.',
    },
  },
  too_deeply_nested: {
    severity: 'error',
    message: {
      en: 'The document is nested more than {limit} levels deep.',
      fr: 'Le document est imbriqué sur plus de {limit} niveaux.',
    },
  },
  forbidden_key: {
    severity: 'error',
    message: {
      en: 'The key "{key}" is not allowed anywhere in a flow document.',
      fr: 'La clé "{key}" est interdite dans un document de flux.',
    },
  },
  duplicate_key: {
    severity: 'error',
    message: {
      en: 'The key "{key}" appears twice in the same object (line {line}).',
      fr: 'La clé "{key}" apparaît deux fois dans le même objet (ligne {line}).',
    },
  },
  unsupported_format: {
    severity: 'error',
    message: {
      en: 'Unsupported format "{received}": this version reads "ringflow.flow/v1".',
      fr: 'Format "{received}" non pris en charge : cette version lit "ringflow.flow/v1".',
    },
  },
  missing_field: {
    severity: 'error',
    message: { en: 'The field "{field}" is required.', fr: 'Le champ "{field}" est obligatoire.' },
  },
  unknown_field: {
    severity: 'error',
    message: { en: 'Unknown field "{field}".', fr: 'Champ inconnu "{field}".' },
  },
  invalid_type: {
    severity: 'error',
    message: {
      en: 'Expected {expected}, found {received}.',
      fr: 'Valeur attendue : {expected}, trouvé : {received}.',
    },
  },
  invalid_value: {
    severity: 'error',
    message: { en: 'Expected {expected}.', fr: 'Valeur attendue : {expected}.' },
  },
  out_of_range: {
    severity: 'error',
    message: { en: 'The value must be {bound}.', fr: 'La valeur doit être {bound}.' },
  },
  invalid_format: {
    severity: 'error',
    message: { en: 'Expected {expected}.', fr: 'Format attendu : {expected}.' },
  },
  invalid_id: {
    severity: 'error',
    message: {
      en: 'Invalid id "{received}": use a letter followed by up to 63 letters, digits, _ or -.',
      fr: 'Identifiant "{received}" invalide : une lettre suivie d’au plus 63 lettres, chiffres, _ ou -.',
    },
  },
  invalid_number: {
    severity: 'error',
    message: {
      en: 'Invalid phone number "{received}": expected {expected}.',
      fr: 'Numéro "{received}" invalide : attendu {expected}.',
    },
  },
  invalid_digit: {
    severity: 'error',
    message: {
      en: 'Invalid key "{received}": a key is one of 0-9, * or #.',
      fr: 'Touche "{received}" invalide : une touche est 0-9, * ou #.',
    },
  },
  invalid_time: {
    severity: 'error',
    message: {
      en: 'Invalid time "{received}": expected HH:MM between 00:00 and 24:00.',
      fr: 'Heure "{received}" invalide : attendu HH:MM entre 00:00 et 24:00.',
    },
  },
  invalid_date: {
    severity: 'error',
    message: {
      en: 'Invalid date "{received}": expected {expected}.',
      fr: 'Date "{received}" invalide : attendu {expected}.',
    },
  },
  invalid_sound_file: {
    severity: 'error',
    message: {
      en: 'Invalid sound file "{received}": expected {expected}.',
      fr: 'Fichier son "{received}" invalide : attendu {expected}.',
    },
  },
  invalid_timezone: {
    severity: 'error',
    message: {
      en: 'Unknown time zone "{timezone}": use an IANA name such as Europe/Paris.',
      fr: 'Fuseau horaire "{timezone}" inconnu : utilisez un nom IANA comme Europe/Paris.',
    },
  },
  unknown_kind: {
    severity: 'error',
    message: {
      en: 'Unknown node kind "{kind}". Known kinds: {known}.',
      fr: 'Type de nœud "{kind}" inconnu. Types connus : {known}.',
    },
  },

  // Identity and references.
  duplicate_node_id: {
    severity: 'error',
    message: { en: 'Two nodes have the id "{id}".', fr: 'Deux nœuds ont l’identifiant "{id}".' },
  },
  duplicate_edge_id: {
    severity: 'error',
    message: { en: 'Two edges have the id "{id}".', fr: 'Deux liens ont l’identifiant "{id}".' },
  },
  duplicate_id: {
    severity: 'error',
    message: {
      en: 'Two entries of "{collection}" have the id "{id}".',
      fr: 'Deux éléments de "{collection}" ont l’identifiant "{id}".',
    },
  },
  duplicate_extension: {
    severity: 'error',
    message: {
      en: 'Extension {extension} is used by both "{first}" and "{second}".',
      fr: 'Le poste {extension} est utilisé par "{first}" et par "{second}".',
    },
  },
  unknown_entry: {
    severity: 'error',
    message: {
      en: 'The entry "{entry}" is not the id of a node.',
      fr: 'L’entrée "{entry}" n’est l’identifiant d’aucun nœud.',
    },
  },
  edge_unknown_source: {
    severity: 'error',
    message: {
      en: 'Edge "{edgeId}" starts from "{node}", which is not a node.',
      fr: 'Le lien "{edgeId}" part de "{node}", qui n’est pas un nœud.',
    },
  },
  edge_unknown_target: {
    severity: 'error',
    message: {
      en: 'Edge "{edgeId}" leads to "{node}", which is not a node.',
      fr: 'Le lien "{edgeId}" mène à "{node}", qui n’est pas un nœud.',
    },
  },
  unknown_port: {
    severity: 'error',
    message: {
      en: 'Node "{nodeId}" has no output "{port}". Its outputs: {ports}.',
      fr: 'Le nœud "{nodeId}" n’a pas de sortie "{port}". Ses sorties : {ports}.',
    },
  },
  duplicate_port_edge: {
    severity: 'error',
    message: {
      en: 'Output "{port}" of node "{nodeId}" has more than one edge; a call can take only one.',
      fr: 'La sortie "{port}" du nœud "{nodeId}" a plusieurs liens ; un appel ne peut en suivre qu’un.',
    },
  },
  unknown_agent: {
    severity: 'error',
    message: {
      en: 'Agent "{id}" is not defined in the flow’s agents.',
      fr: 'L’agent "{id}" n’est pas défini dans les agents du flux.',
    },
  },
  unknown_group: {
    severity: 'error',
    message: {
      en: 'Group "{id}" is not defined in the flow’s groups.',
      fr: 'Le groupe "{id}" n’est pas défini dans les groupes du flux.',
    },
  },
  unknown_schedule: {
    severity: 'error',
    message: {
      en: 'Schedule "{id}" is not defined in the flow’s schedules.',
      fr: 'L’horaire "{id}" n’est pas défini dans les horaires du flux.',
    },
  },
  unknown_sound: {
    severity: 'error',
    message: {
      en: 'Sound "{id}" is not defined in the flow’s sound library.',
      fr: 'Le son "{id}" n’est pas défini dans la bibliothèque de sons du flux.',
    },
  },
  music_not_a_file: {
    severity: 'error',
    message: {
      en: 'Background music "{id}" must be a sound file, not a text to speech.',
      fr: 'La musique de fond "{id}" doit être un fichier son, pas une synthèse vocale.',
    },
  },
  sound_source_missing: {
    severity: 'error',
    message: {
      en: 'A sound needs exactly one source: a "tts" text or a "file".',
      fr: 'Un son doit avoir exactement une source : un texte "tts" ou un "file".',
    },
  },

  music_without_tts: {
    severity: 'error',
    message: {
      en: 'Background music mixes under a text to speech only; this sound is a file.',
      fr: 'La musique de fond ne se mixe que sous une synthèse vocale ; ce son est un fichier.',
    },
  },

  // Node-specific rules.
  empty_ring_group: {
    severity: 'error',
    message: {
      en: 'Ring group "{nodeId}" has nobody to ring.',
      fr: 'Le groupe de sonnerie "{nodeId}" ne fait sonner personne.',
    },
  },
  empty_group: {
    severity: 'warning',
    message: { en: 'Group "{id}" has no members.', fr: 'Le groupe "{id}" n’a aucun membre.' },
  },
  duplicate_member: {
    severity: 'warning',
    message: {
      en: 'The member {member} is listed more than once; it counts once.',
      fr: 'Le membre {member} est listé plusieurs fois ; il ne compte qu’une fois.',
    },
  },
  menu_no_options: {
    severity: 'error',
    message: {
      en: 'Menu "{nodeId}" offers no key to press.',
      fr: 'Le menu "{nodeId}" ne propose aucune touche.',
    },
  },
  menu_duplicate_digit: {
    severity: 'error',
    message: {
      en: 'Key "{digit}" is offered twice in menu "{nodeId}".',
      fr: 'La touche "{digit}" est proposée deux fois dans le menu "{nodeId}".',
    },
  },
  poll_no_questions: {
    severity: 'error',
    message: {
      en: 'Poll "{nodeId}" asks no question.',
      fr: 'Le sondage "{nodeId}" ne pose aucune question.',
    },
  },
  poll_invalid_range: {
    severity: 'error',
    message: {
      en: 'Question "{question}" accepts {min} to {max}: the minimum must not exceed the maximum.',
      fr: 'La question "{question}" accepte {min} à {max} : le minimum ne doit pas dépasser le maximum.',
    },
  },
  caller_match_empty: {
    severity: 'warning',
    message: {
      en: 'Caller condition "{nodeId}" matches no caller: it always takes "noMatch".',
      fr: 'La condition d’appelant "{nodeId}" ne reconnaît aucun appelant : elle prend toujours "noMatch".',
    },
  },

  // The shape of the graph.
  unreachable_node: {
    severity: 'warning',
    message: {
      en: 'Node "{nodeId}" can never be reached from the entry.',
      fr: 'Le nœud "{nodeId}" ne peut jamais être atteint depuis l’entrée.',
    },
  },
  unwired_port: {
    severity: 'warning',
    message: {
      en: 'Output "{port}" of node "{nodeId}" leads nowhere: the call hangs up there.',
      fr: 'La sortie "{port}" du nœud "{nodeId}" ne mène nulle part : l’appel raccroche à cet endroit.',
    },
  },
  endless_loop: {
    severity: 'error',
    message: {
      en: 'Nodes {nodes} form a loop that repeats forever without waiting for the caller or for a ring.',
      fr: 'Les nœuds {nodes} forment une boucle infinie qui n’attend ni l’appelant ni une sonnerie.',
    },
  },

  // Schedules.
  empty_time_range: {
    severity: 'error',
    message: {
      en: 'The range {start}-{end} is empty: its start and end are the same time.',
      fr: 'La plage {start}-{end} est vide : elle commence et finit à la même heure.',
    },
  },
  overlapping_time_ranges: {
    severity: 'error',
    message: {
      en: 'The ranges {first} and {second} overlap.',
      fr: 'Les plages {first} et {second} se chevauchent.',
    },
  },
  invalid_date_range: {
    severity: 'error',
    message: {
      en: 'The closure runs from {from} to {to}: its end comes before its start.',
      fr: 'La fermeture va du {from} au {to} : sa fin précède son début.',
    },
  },
  duplicate_special_date: {
    severity: 'error',
    message: {
      en: 'Special hours are given twice for {date}.',
      fr: 'Des horaires spéciaux sont donnés deux fois pour le {date}.',
    },
  },
  unknown_holiday_country: {
    severity: 'error',
    message: {
      en: 'No public holidays are known for country "{country}".',
      fr: 'Aucun jour férié n’est connu pour le pays "{country}".',
    },
  },
  unknown_holiday_region: {
    severity: 'error',
    message: {
      en: 'Country "{country}" has no region "{region}" with public holidays.',
      fr: 'Le pays "{country}" n’a pas de région "{region}" avec des jours fériés.',
    },
  },
} as const satisfies Record<string, IssueCodeSpec>;

/** A stable issue code (see ISSUE_CODES and docs/errors.md). */
export type IssueCode = keyof typeof ISSUE_CODES;

/** Every issue code, in table order. */
export const ALL_ISSUE_CODES = Object.keys(ISSUE_CODES) as IssueCode[];
