// Major Non-NATO Ally designations by year: the states the United States (the hub of the
// MNNA group) designated in each year, and which of them have since lost the status
// (Afghanistan, 2022). Taiwan is treated as an MNNA by statute without formal designation.
MATCH (a:State)-[m:MEMBER_OF]->(:Partnership {id: 'MNNA'})
WHERE m.role = 'member'
RETURN m.start AS year, count(a) AS designations, collect(a.name) AS designated,
       collect(CASE WHEN m.`end` IS NOT NULL THEN a.name END) AS since_ended
ORDER BY year
