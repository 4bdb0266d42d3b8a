// Middle powers by material capability as of a year: states among the $top by CINC (COW
// National Material Capabilities; the latest year on record up to $year, `as_of`, since
// CINC stops in 2022) that are not COW major powers in $year. `regional_power` marks
// Maoz's regional powers; `milex` is military expenditure (thousands of US$).
// :param year => 2024
// :param top => 25
MATCH (c:Capability)
WHERE c.year <= $year
WITH max(c.year) AS as_of
MATCH (s:State)-[:HAS_CAPABILITY]->(c:Capability {year: as_of})
WHERE c.cinc_rank <= $top
  AND NOT EXISTS {
    MATCH (s)-[h:HAS_STATUS]->(:Status {id: 'cow-major-power'})
    WHERE h.start <= $year AND coalesce(h.`end`, $year) >= $year
  }
RETURN c.cinc_rank AS cinc_rank, s.code AS code, s.name AS name, c.cinc AS cinc,
       c.milex AS milex, as_of,
       EXISTS {
         MATCH (s)-[r:HAS_STATUS]->(:Status {id: 'maoz-regional-power'})
         WHERE r.start <= $year AND coalesce(r.`end`, $year) >= $year
       } AS regional_power
ORDER BY cinc_rank
