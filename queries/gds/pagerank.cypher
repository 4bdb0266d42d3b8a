// PageRank (damping 0.85) run to convergence; GDS does not normalise, the caller does.
// :param graph => 'alliances-2018'
CALL gds.pageRank.stream($graph, {dampingFactor: 0.85, maxIterations: 1000, tolerance: 1.0E-12})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).code AS code, score
