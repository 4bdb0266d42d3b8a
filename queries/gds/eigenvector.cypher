// Eigenvector centrality by power iteration (L2-normalised), run to convergence.
// :param graph => 'alliances-2018'
CALL gds.eigenvector.stream($graph, {maxIterations: 1000, tolerance: 1.0E-12})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).code AS code, score
