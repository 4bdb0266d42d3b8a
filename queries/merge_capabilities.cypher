// Create or update state-year capability records (COW NMC).
// :param rows => [{id: 'USA-2018', name: 'USA capabilities 2018', ccode: 2, year: 2018, cinc: 0.1412, cinc_rank: 2, milex: 649000000.0, milper: 1359.0, irst: 86607.0, pec: 3141000.0, tpop: 326767.0, upop: 110567.0}]
// :param source => 'cow-nmc'
UNWIND $rows AS row
MERGE (c:Capability {id: row.id})
SET c.name = row.name, c.ccode = toInteger(row.ccode), c.year = toInteger(row.year),
    c.cinc = row.cinc, c.cinc_rank = toInteger(row.cinc_rank), c.milex = row.milex,
    c.milper = row.milper, c.irst = row.irst, c.pec = row.pec, c.tpop = row.tpop,
    c.upop = row.upop, c.source = $source
