// NATO over time: every member state with the year it joined and, if it left, the year
// its membership ended (`ended` null = still a member; West Germany's membership passes to
// unified Germany in 1990). NATO is the ATOP alliance 3180 (curated alias 'NATO'). One
// dating rule: `joined` and `signed_date` are the signature of the member's accession
// protocol, as ATOP records it to 2018 (Poland 1997, not 1999) and the curated records
// after (Finland and Sweden 2022-07-05); `in_force_date` is the day it acceded. A
// censored ATOP row of a treaty a curated record reviewed ends at ATOP's last year, the
// curated continuation taking over. Ordered by accession, so the rows read as NATO's
// enlargement rounds.
MATCH (a:State)-[m:MEMBER_OF]->(t:Treaty)
WHERE (t.id = 'NATO' OR t.alias = 'NATO') AND m.role IN ['member', 'hub']
WITH a, m, coalesce(m.`end`, CASE WHEN t.reviewed_until > m.observed_until
                                  THEN m.observed_until END) AS ended
WITH a, min(m.start) AS joined, min(m.start_date) AS signed_date,
     min(m.in_force_date) AS in_force_date, count(m) AS spells, count(ended) AS closed,
     max(ended) AS last_end
RETURN joined, a.code AS code, a.name AS member,
       CASE WHEN closed < spells THEN null ELSE last_end END AS ended, signed_date,
       in_force_date
ORDER BY joined, member
