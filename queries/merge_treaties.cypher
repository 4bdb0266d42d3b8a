// Create or update treaties with their obligations and design (curated treaties ATOP does
// not code; those it codes are linked to the ATOP node instead).
// :param rows => [{id: 'AUKUS-X', name: 'Example treaty', kind: 'collective_defense', structure: 'multilateral', signed: 2024, signed_date: '2024-06-19', start: 2024, end: null, observed_until: 2025, reviewed_until: 2025, defense: true, offense: false, neutrality: false, nonaggression: false, consultation: true, conditional: 0, military_contact: 1, military_aid: 1, integrated_command: 0, common_organization: 0, bases: 0, secret_provisions: 0, specific_threat: 0, source_ref: 'Treaty text', url: null, note: null}]
// :param source => 'curated'
UNWIND $rows AS row
MERGE (t:Treaty {id: row.id})
SET t.name = row.name, t.name_source = $source, t.kind = row.kind,
    t.structure = row.structure, t.signed = toInteger(row.signed),
    t.signed_date = row.signed_date, t.start = toInteger(row.start),
    t.`end` = toInteger(row.`end`), t.observed_until = toInteger(row.observed_until),
    t.reviewed_until = toInteger(row.reviewed_until), t.defense = row.defense,
    t.offense = row.offense, t.neutrality = row.neutrality,
    t.nonaggression = row.nonaggression, t.consultation = row.consultation,
    t.conditional = toInteger(row.conditional),
    t.military_contact = toInteger(row.military_contact),
    t.military_aid = toInteger(row.military_aid),
    t.integrated_command = toInteger(row.integrated_command),
    t.common_organization = toInteger(row.common_organization),
    t.bases = toInteger(row.bases), t.secret_provisions = toInteger(row.secret_provisions),
    t.specific_threat = toInteger(row.specific_threat), t.source_ref = row.source_ref,
    t.url = row.url, t.note = row.note, t.source = $source
