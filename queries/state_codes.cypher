// Every state's COW abbreviation and COW number (what ingest validates codes against).
MATCH (s:State)
RETURN s.code AS code, s.ccode AS ccode
ORDER BY ccode
