// Weighted degree (strength) of each actor in a projected graph.
// :param graph => 'alliances-2018'
CALL gds.degree.stream($graph, {relationshipWeightProperty: 'weight'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).code AS code, score
