// Every state with its COW system-membership spells (end null = still a member).
MATCH (s:State)-[h:HAS_STATUS]->(:Status {id: 'cow-system-member'})
RETURN s.code AS code, s.name AS name, s.ccode AS ccode, s.iso3 AS iso3, s.region AS region,
       h.start AS start, h.`end` AS `end`, h.observed_until AS observed_until
