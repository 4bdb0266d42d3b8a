// Betweenness of each actor (GDS halves undirected scores: unordered pairs, like igraph).
// :param graph => 'alliances-2018'
CALL gds.betweenness.stream($graph)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).code AS code, score
