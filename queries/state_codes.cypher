// Every state's COW abbreviation, COW number and name (what ingest validates codes against).
MATCH (s:State)
RETURN s.code AS code, s.ccode AS ccode, s.name AS name
ORDER BY ccode
