// Create or update treaties with their obligations (curated).
// :param rows => [{id: 'NATO', name: 'North Atlantic Treaty', kind: 'collective_defense', structure: 'multilateral', signed: 1949, start: 1949, end: null, defense: true, offense: false, neutrality: false, nonaggression: false, consultation: true, source_ref: 'North Atlantic Treaty, Washington, 4 April 1949', url: null, note: null}]
// :param source => 'curated'
UNWIND $rows AS row
MERGE (t:Treaty {id: row.id})
SET t.name = row.name, t.kind = row.kind, t.structure = row.structure,
    t.signed = toInteger(row.signed), t.start = toInteger(row.start),
    t.`end` = toInteger(row.`end`), t.defense = row.defense, t.offense = row.offense,
    t.neutrality = row.neutrality, t.nonaggression = row.nonaggression,
    t.consultation = row.consultation, t.source_ref = row.source_ref, t.url = row.url,
    t.note = row.note, t.source = $source
