// Militarized disputes (negative ties) that touch a range of years.
// :param first => 1816
// :param last => 2025
// :param sources => ['cow-mids']
MATCH (a:State)-[d:DISPUTE_WITH]->(b:State)
WHERE d.source IN $sources AND d.start <= $last AND coalesce(d.`end`, $last) >= $first
RETURN a.code AS a, b.code AS b, d.start AS start, d.`end` AS `end`,
       d.observed_until AS observed_until
