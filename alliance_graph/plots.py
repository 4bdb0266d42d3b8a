"""Figures (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def timeline_plot(long: pd.DataFrame, path: str | Path, title: str) -> Path:
    """Line plot of value by year, one line per actor, one panel per metric."""
    metrics = list(dict.fromkeys(long["metric"]))
    fig, axes = plt.subplots(len(metrics), 1, figsize=(11, 3.6 * len(metrics)),
                             sharex=True, squeeze=False)
    for ax, metric in zip(axes[:, 0], metrics):
        frame = long[long["metric"] == metric]
        for code, line in frame.groupby("code", sort=False):
            label = f"{line['name'].iloc[-1]} ({code})"  # its latest name
            ax.plot(line["year"], line["value"], label=label, linewidth=1.6)
        ax.set_ylabel(metric)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8, ncol=2)
    axes[0, 0].set_title(title)
    axes[-1, 0].set_xlabel("year")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def network_plot(graph, membership, labels: dict[int, str], path: str | Path, title: str,
                 *, names: list[str], highlight: int = 8, seed: int = 42, outline=None,
                 loose=None) -> Path:
    """The year's network coloured by bloc (igraph Fruchterman–Reingold layout, seeded).
    Named: each bloc's best-connected member and the ``highlight`` actors with the highest
    betweenness (the brokers). Unaligned actors are left out; the legend names the blocs.
    ``outline`` (a second membership, e.g. blocs inside camps) colours each marker's
    edge; ``loose`` (a mask) draws loosely attached members hollow."""
    import numpy as np
    from matplotlib.collections import LineCollection

    from .analytics.blocs import seed_igraph

    keep = [v for v in range(graph.vcount()) if membership[v] >= 0]
    sub = graph.induced_subgraph(keep)
    seed_igraph(seed)
    xy = np.asarray(sub.layout_fruchterman_reingold(niter=1000).coords)
    blocs = np.asarray([membership[v] for v in keep])
    fig, ax = plt.subplots(figsize=(13, 8.5))
    segments = [(xy[e.source], xy[e.target]) for e in sub.es]
    ax.add_collection(LineCollection(segments, colors="#9aa0a6", linewidths=0.4, alpha=0.5))
    cmap = plt.get_cmap("tab10")
    degree = np.asarray(sub.degree())
    named = set(np.argsort(-np.asarray(sub.betweenness()), kind="stable")[:highlight].tolist())
    edge = (["white"] * len(keep) if outline is None else
            [plt.get_cmap("Dark2")(int(outline[v]) % 8) for v in keep])
    hollow = np.zeros(len(keep), dtype=bool) if loose is None else np.asarray(loose)[keep]
    for b in sorted(set(blocs)):
        mask = blocs == b
        face = [(1, 1, 1, 1) if h else cmap(b % 10) for h in hollow[mask]]
        ax.scatter(xy[mask, 0], xy[mask, 1], s=20 + 4 * degree[mask], c=face,
                   edgecolors=[edge[i] for i in np.flatnonzero(mask)],
                   linewidths=0.5 if outline is None else 1.6,
                   label=labels.get(b, f"bloc {b}"), zorder=3)
        members = np.flatnonzero(mask)
        named.add(int(members[np.argmax(degree[members])]))
    for v in sorted(named):
        ax.annotate(names[keep[v]], xy[v], fontsize=8, zorder=4, xytext=(5, 3),
                    textcoords="offset points",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, markerscale=0.7,
              frameon=False)
    ax.set_axis_off()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def bloc_plot(table: pd.DataFrame, path: str | Path, title: str, *, seed: int = 42) -> Path:
    """``network_plot`` of a blocs table from ``api.blocs`` (its partition in ``attrs``)."""
    part = table.attrs["partition"]
    p = part.projection
    return network_plot(p.graph, part.membership, dict(zip(table["bloc"], table["label"])),
                        path, title, names=p.nodes["name"].tolist(), seed=seed)


def camp_plot(result, path: str | Path, title: str, *, seed: int = 42) -> Path:
    """``network_plot`` of ``api.camps``: fill by camp, outline by bloc, loosely attached
    members hollow."""
    p = result.projection
    labels = dict(zip(result.camp_table["camp"], result.camp_table["label"]))
    loose = (result.members["status"] == "loosely attached").to_numpy()
    return network_plot(p.graph, result.camp, labels, path,
                        title + "\nfill: camp · outline: bloc · hollow: loosely attached",
                        names=p.nodes["name"].tolist(), seed=seed, outline=result.bloc,
                        loose=loose)
