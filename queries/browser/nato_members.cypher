// NATO over time: every member state with the year it joined and, if it left, the year
// its membership ended (`ended` null = still a member; West Germany's membership passes to
// unified Germany in 1990). NATO is the ATOP alliance 3180 (curated alias 'NATO'): to 2018
// the dates are ATOP's, which records the signature of each accession protocol (Poland
// 1997, not 1999); later members come from the curated records (accession dates). A
// censored ATOP row of a treaty a curated record reviewed ends at ATOP's last year, the
// curated continuation taking over. Ordered by accession, so the rows read as NATO's
// enlargement rounds.
MATCH (a:State)-[m:MEMBER_OF]->(t:Treaty)
WHERE (t.id = 'NATO' OR t.alias = 'NATO') AND m.role IN ['member', 'hub']
WITH a, m, coalesce(m.`end`, CASE WHEN t.reviewed_until > m.observed_until
                                  THEN m.observed_until END) AS ended
WITH a, min(m.start) AS joined, min(m.start_date) AS accession_date, count(m) AS spells,
     count(ended) AS closed, max(ended) AS last_end
RETURN joined, a.code AS code, a.name AS member,
       CASE WHEN closed < spells THEN null ELSE last_end END AS ended, accession_date
ORDER BY joined, member
