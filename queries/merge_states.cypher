// Create or update states from the COW state list.
// :param rows => [{code: 'USA', ccode: 2, name: 'United States', cow_name: 'United States of America', iso3: 'USA', region: 'Americas'}]
// :param source => 'cow-states'
UNWIND $rows AS row
MERGE (s:State {code: row.code})
SET s.ccode = toInteger(row.ccode), s.name = row.name, s.cow_name = row.cow_name,
    s.iso3 = row.iso3,
    s.region = row.region, s.source = $source
