// Every state's COW abbreviation, COW number, ISO alpha-3 code, name and COW's name (what
// ingest validates codes against and state options resolve against).
MATCH (s:State)
RETURN s.code AS code, s.ccode AS ccode, s.iso3 AS iso3, s.name AS name,
       s.cow_name AS cow_name
ORDER BY ccode
