"""Plots of an evaluation report, drawn with matplotlib.

Figures are made with ``matplotlib.figure.Figure`` and saved directly, without pyplot,
so that writing a report neither needs a screen nor changes the backend of a
notebook that calls it.

Internal: used by :meth:`motives.Report.save` and :meth:`motives.Profile.plot`.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .labels import LABELS

__all__ = ["save_plots"]


def save_plots(report, folder: Path) -> list[str]:
    """Write the report's PNG plots into ``folder``; return their file names."""
    from matplotlib.figure import Figure

    names = []

    figure = Figure(figsize=(5, 3.2))
    axis = figure.subplots()
    table = report.labels
    f1 = table["f1"].to_numpy(dtype=float)
    low, high = table["f1_low"].to_numpy(dtype=float), table["f1_high"].to_numpy(dtype=float)
    errors = np.nan_to_num(np.vstack([f1 - low, high - f1]), nan=0.0).clip(min=0)
    axis.bar(list(LABELS), f1, yerr=errors, capsize=6, color=["#4c72b0", "#dd8452", "#55a868"])
    axis.set_ylim(0, 1)
    axis.set_ylabel("F1 (95 % bootstrap interval)")
    axis.set_title(f"macro-F1 {report.overall['macro_f1']:.3f} on {report.overall['passages']} passages")
    names.append(_save(figure, folder, "f1.png"))

    figure = Figure(figsize=(9, 3))
    axes = figure.subplots(1, len(LABELS))
    for axis, label in zip(axes, LABELS):
        matrix = report.confusion[label]
        axis.imshow(matrix, cmap="Blues")
        for (row, column), value in np.ndenumerate(matrix):
            axis.text(column, row, str(value), ha="center", va="center",
                      color="white" if value > matrix.max() / 2 else "black")
        axis.set_xticks([0, 1], ["no", "yes"])
        axis.set_yticks([0, 1], ["no", "yes"])
        axis.set_xlabel("model")
        axis.set_ylabel("human coders")
        axis.set_title(label)
    names.append(_save(figure, folder, "confusion.png"))

    if report.calibration is not None and len(report.calibration):
        figure = Figure(figsize=(4.5, 4.5))
        axis = figure.subplots()
        axis.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfectly calibrated")
        for label in LABELS:
            rows = report.calibration[report.calibration["label"] == label]
            axis.plot(rows["mean_probability"], rows["observed"], marker="o",
                      label=f"{label} (ECE {report.labels.loc[label, 'ece']:.3f})")
        axis.set_xlabel("mean predicted probability")
        axis.set_ylabel("share coded by humans")
        axis.set_xlim(0, 1)
        axis.set_ylim(0, 1)
        axis.legend(fontsize=8)
        names.append(_save(figure, folder, "reliability.png"))
    return names


def _save(figure, folder: Path, name: str) -> str:
    figure.tight_layout()
    figure.savefig(folder / name, dpi=110)
    return name
