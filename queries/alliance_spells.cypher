// Dyadic alliance spells (ATOP) from the given sources that touch a range of years and
// carry at least one of the requested obligation types, with the ATOP alliances behind them.
// :param first => 1816
// :param last => 2025
// :param sources => ['atop']
// :param ties => ['defense']
MATCH (a:State)-[r:ALLIED_WITH]->(b:State)
WHERE r.source IN $sources AND r.start <= $last AND coalesce(r.`end`, $last) >= $first
  AND (('defense' IN $ties AND r.defense) OR ('offense' IN $ties AND r.offense)
       OR ('neutrality' IN $ties AND r.neutrality)
       OR ('nonaggression' IN $ties AND r.nonaggression)
       OR ('consultation' IN $ties AND r.consultation))
RETURN a.code AS a, b.code AS b, r.start AS start, r.`end` AS `end`,
       r.observed_until AS observed_until, r.defense AS defense, r.offense AS offense,
       r.neutrality AS neutrality, r.nonaggression AS nonaggression,
       r.consultation AS consultation, r.atopids AS atopids, r.source AS source
