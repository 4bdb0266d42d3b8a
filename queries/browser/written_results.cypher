// Which analytics results are stored in the graph: one row per metric (or 'blocs') and
// network, with the first and last year written and how many years. Use the `network`
// and a year from here as the parameters of top_scores, top_brokers, bloc_members and
// cross_bloc_rivalries. No rows: nothing was written back with `--write` yet.
MATCH (b:Bloc)
RETURN 'blocs' AS written, b.network AS network, min(b.year) AS first_year,
       max(b.year) AS last_year, count(DISTINCT b.year) AS years
ORDER BY network
UNION ALL
MATCH ()-[s:SCORED]->(m:Metric)
RETURN m.id AS written, s.network AS network, min(s.year) AS first_year,
       max(s.year) AS last_year, count(DISTINCT s.year) AS years
ORDER BY written, network
