# The field's reference software on a network written by tests/test_r_reference.py.
#
# Usage: Rscript reference.R <dir>
#   <dir>/nodes.csv  code, group (Gould-Fernandez group label), bloc (partition, integer)
#   <dir>/edges.csv  a, b, weight (undirected, one row per tie)
#   <dir>/meta.csv   weighted (0/1)
# Writes <dir>/r.csv: code, measure, value (long). Ties are passed as explicit weight
# vectors, never as an edge attribute, so no igraph call weights a network by accident.
suppressPackageStartupMessages({
  library(sna)
  library(igraph)
})

args <- commandArgs(trailingOnly = TRUE)
dir <- args[[1]]
nodes <- read.csv(file.path(dir, "nodes.csv"), colClasses = "character")
edges <- read.csv(file.path(dir, "edges.csv"), colClasses = c("character", "character", "numeric"))
meta <- read.csv(file.path(dir, "meta.csv"))
weighted <- meta$weighted[[1]] == 1

g <- graph_from_data_frame(edges[, c("a", "b")], directed = FALSE, vertices = nodes["code"])
w <- if (weighted) edges$weight else NULL           # strengths
dist <- if (weighted) 1 / edges$weight else NULL    # path lengths: distance = 1 / weight
n <- vcount(g)
codes <- V(g)$name

out <- list()
add <- function(measure, values, who = codes) {
  out[[length(out) + 1]] <<- data.frame(code = who, measure = measure, value = as.numeric(values))
}

add("degree", degree(g))
add("strength", strength(g, weights = w))
add("betweenness", betweenness(g, directed = FALSE, weights = dist, normalized = TRUE))
add("closeness", harmonic_centrality(g, weights = dist) / (n - 1))
ev <- abs(eigen_centrality(g, directed = FALSE, scale = FALSE, weights = w)$vector)
add("eigenvector", ev / sqrt(sum(ev^2)))              # unit Euclidean length, as the project
add("pagerank", page_rank(g, damping = 0.85, directed = FALSE, weights = w)$vector)
con <- constraint(g, weights = w)
con[degree(g) == 0] <- NaN                            # undefined without ties (both sides)
add("constraint", con)
add("modularity", modularity(g, as.integer(nodes$bloc) + 1L, weights = w), who = "")

# Gould-Fernandez brokerage: a symmetric 0/1 matrix is read as directed with both arcs
adj <- as.matrix(as_adjacency_matrix(g, sparse = FALSE))
adj[adj > 0] <- 1
roles <- c(w_I = "coordinator", w_O = "itinerant", b_IO = "representative",
           b_OI = "gatekeeper", b_O = "liaison", t = "total")
population <- list(include = rep(TRUE, n), exclude = degree(g) > 0)
for (name in names(population)) {
  keep <- population[[name]]
  b <- brokerage(adj[keep, keep], nodes$group[keep])
  for (sna_name in names(roles)) {
    add(paste0(name, ":", roles[[sna_name]]), b$raw.nli[, sna_name], codes[keep])
    add(paste0(name, ":", roles[[sna_name]], "_z"), b$z.nli[, sna_name], codes[keep])
  }
}

result <- do.call(rbind, out)
write.csv(result, file.path(dir, "r.csv"), row.names = FALSE, na = "NaN")
