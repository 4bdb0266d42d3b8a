// Create or update state-year capability records (COW NMC). Values arrive typed; only
// cinc_rank, null where CINC is missing, is converted (per-row conversions are slow on
// ladybug, and 17,000 rows make them the largest cost of a full ingest).
// :param rows => [{id: 'USA-2018', name: 'USA capabilities 2018', ccode: 2, year: 2018, cinc: 0.1412, cinc_rank: 2, milex: 649000000.0, milper: 1359.0, irst: 86607.0, pec: 3141000.0, tpop: 326767.0, upop: 110567.0}]
// :param source => 'cow-nmc'
UNWIND $rows AS row
MERGE (c:Capability {id: row.id})
SET c.name = row.name, c.ccode = row.ccode, c.year = row.year,
    c.cinc = row.cinc, c.cinc_rank = toInteger(row.cinc_rank), c.milex = row.milex,
    c.milper = row.milper, c.irst = row.irst, c.pec = row.pec, c.tpop = row.tpop,
    c.upop = row.upop, c.source = $source
