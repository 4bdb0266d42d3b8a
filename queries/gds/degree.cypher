// Degree of each actor in a projected (undirected) graph.
// :param graph => 'alliances-2018'
CALL gds.degree.stream($graph)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).code AS code, score
