// Louvain communities of a projected (undirected, weighted) graph (GDS's Louvain has
// no resolution parameter: gamma 1), single-threaded so a run is reproducible.
// :param graph => 'alliances-2018'
CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).code AS code, communityId AS community
