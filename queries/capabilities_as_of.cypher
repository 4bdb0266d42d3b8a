// CINC score and rank of every state as of a year: the latest COW NMC year not after
// $year (NMC ends in 2022, so later years get 2022's values; `data_year` says which).
// :param year => 2024
MATCH (:State)-[:HAS_CAPABILITY]->(c:Capability)
WHERE c.year <= $year
WITH max(c.year) AS latest
MATCH (s:State)-[:HAS_CAPABILITY]->(c:Capability)
WHERE c.year = latest
RETURN s.code AS code, s.name AS name, s.ccode AS ccode, c.cinc AS cinc,
       c.cinc_rank AS cinc_rank, c.year AS data_year
ORDER BY cinc_rank
