// Create or update partnerships: designations, groupings, axes… (curated).
// :param rows => [{id: 'MNNA', name: 'Major Non-NATO Ally designation', kind: 'mnna_designation', structure: 'hub', start: 1989, end: null, source_ref: '22 U.S.C. 2321k', url: null, note: null}]
// :param source => 'curated'
UNWIND $rows AS row
MERGE (p:Partnership {id: row.id})
SET p.name = row.name, p.kind = row.kind, p.structure = row.structure,
    p.start = toInteger(row.start), p.`end` = toInteger(row.`end`),
    p.source_ref = row.source_ref, p.url = row.url, p.note = row.note, p.source = $source
