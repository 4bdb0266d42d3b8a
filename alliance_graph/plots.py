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
            label = f"{line['name'].iloc[0]} ({code})"
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
