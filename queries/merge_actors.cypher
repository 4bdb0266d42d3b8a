// Create or update non-state actors (curated).
// :param rows => [{code: 'HEZBOLLAH', name: 'Hezbollah', kind: 'armed_movement', based_in: 'LEB', start: 1982, end: null, source_ref: 'Founded 1982…', url: null}]
// :param source => 'curated'
UNWIND $rows AS row
MERGE (n:NonStateActor {code: row.code})
SET n.name = row.name, n.kind = row.kind, n.based_in = row.based_in,
    n.start = toInteger(row.start), n.`end` = toInteger(row.`end`),
    n.source_ref = row.source_ref, n.url = row.url, n.source = $source
