// States and their COW system-membership spells that touch a range of years.
// :param first => 1816
// :param last => 2025
MATCH (s:State)-[h:HAS_STATUS]->(:Status {id: 'cow-system-member'})
WHERE h.start <= $last AND coalesce(h.`end`, $last) >= $first
RETURN s.code AS code, s.name AS name, s.ccode AS ccode, s.region AS region,
       h.start AS start, h.`end` AS `end`, h.observed_until AS observed_until
