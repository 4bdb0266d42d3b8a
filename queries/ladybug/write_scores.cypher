// Store metric scores of actors for one year and network (`--write` on analytics
// commands). Read them back with queries/browser/top_scores.cypher.
// ladybug cannot create a relationship from a node bound to two labels, so states and
// non-state actors are written by separate statements.
// :param rows => [{code: 'USA', metric: 'degree', definition: 'Degree: the number of allies', value: 66.0, rank: 1}]
// :param year => 2018
// :param network => 'all:defense'
// :param source => 'alliance-graph'
UNWIND $rows AS row
MERGE (m:Metric {id: row.metric})
SET m.name = row.metric, m.definition = row.definition, m.source = $source;
UNWIND $rows AS row
MATCH (a:State {code: row.code}), (m:Metric {id: row.metric})
MERGE (a)-[s:SCORED {year: $year, network: $network}]->(m)
SET s.value = row.value, s.rank = row.rank, s.start = $year,
    s.`end` = $year, s.source = $source;
UNWIND $rows AS row
MATCH (a:NonStateActor {code: row.code}), (m:Metric {id: row.metric})
MERGE (a)-[s:SCORED {year: $year, network: $network}]->(m)
SET s.value = row.value, s.rank = row.rank, s.start = $year,
    s.`end` = $year, s.source = $source
