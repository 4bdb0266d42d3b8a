// Create or update ATOP alliances as treaties (source atop-treaties). A curated record of
// the same treaty later adds `alias` and `reviewed_until`, which this query leaves alone.
// Values arrive typed; only columns that may be all null in a batch are converted
// (toInteger gives ladybug a typed null).
// :param rows => [{id: 'ATOP-3180', atopid: 3180, name: 'North Atlantic Treaty', short_name: 'NATO', name_source: 'treaty_names.csv', kind: 'defense_pact', structure: 'multilateral', signed: 1949, signed_date: '1949-04-04', start: 1949, end: null, end_date: null, observed_until: 2018, bilateral: false, phases: 2, defense: true, offense: false, neutrality: false, nonaggression: true, consultation: true, conditional: 0, military_contact: 3, military_aid: 1, integrated_command: 1, common_organization: 3, bases: 1, secret_provisions: 0, specific_threat: 0, institutionalisation: 2, source_ref: 'North Atlantic Treaty, Washington, 4 April 1949', url: null, note: null}]
// :param source => 'atop-treaties'
UNWIND $rows AS row
MERGE (t:Treaty {id: row.id})
SET t.atopid = row.atopid, t.name = row.name, t.short_name = row.short_name,
    t.name_source = row.name_source,
    t.kind = row.kind, t.structure = row.structure, t.signed = row.signed,
    t.signed_date = row.signed_date, t.start = row.start,
    t.`end` = toInteger(row.`end`), t.end_date = row.end_date,
    t.observed_until = row.observed_until, t.bilateral = row.bilateral,
    t.phases = row.phases, t.defense = row.defense, t.offense = row.offense,
    t.neutrality = row.neutrality, t.nonaggression = row.nonaggression,
    t.consultation = row.consultation, t.conditional = toInteger(row.conditional),
    t.military_contact = toInteger(row.military_contact),
    t.military_aid = toInteger(row.military_aid),
    t.integrated_command = toInteger(row.integrated_command),
    t.common_organization = toInteger(row.common_organization),
    t.bases = toInteger(row.bases), t.secret_provisions = toInteger(row.secret_provisions),
    t.specific_threat = toInteger(row.specific_threat),
    t.institutionalisation = toInteger(row.institutionalisation),
    t.source_ref = row.source_ref, t.url = row.url, t.note = row.note, t.source = $source
