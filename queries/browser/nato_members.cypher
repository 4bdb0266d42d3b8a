// NATO over time: every member state with the year it joined and, if it left, the year
// its membership ended (`ended` null = still a member; West Germany's membership passes to
// unified Germany in 1990). Ordered by accession, so the rows read as NATO's enlargement
// rounds: 1949 founders, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020, 2023, 2024.
MATCH (a:State)-[m:MEMBER_OF]->(:Treaty {id: 'NATO'})
WHERE m.role IN ['member', 'hub']
RETURN m.start AS joined, a.code AS code, a.name AS member, m.`end` AS ended,
       m.start_date AS accession_date
ORDER BY joined, member
