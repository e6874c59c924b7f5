"""Labelling large tables in chunks: flat memory, every row kept, one atomic output file.

``label_file`` reads a table a chunk of rows at a time, labels each chunk with
:func:`~motives.batch.label_frame` (optionally in several worker processes), and
appends it to a temporary file that is renamed into place only when every row is
written. CSV, TSV and JSON Lines (also gzip-compressed, ``.csv.gz``, ``.jsonl.gz``)
are read and written a chunk at a time; Parquet is written a chunk at a time and read
whole; Excel is read and written whole.

Rows the reader cannot take as they are stay in the output with ``error`` filled:
a CSV row with the wrong number of fields (padded or cut to the header), a line that
is not valid JSON, invalid UTF-8 (replaced by U+FFFD). Problems with the file itself
(missing, unknown format, no text column) stop the job before any output is written.
"""
from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import sys
import time
import zlib
from pathlib import Path

from .batch import label_frame, segment_frame
from .errors import InputError
from .labels import LABELS

__all__ = ["label_file", "STREAMED"]

#: Formats read and written a chunk at a time (with or without ``.gz``).
STREAMED = (".csv", ".tsv", ".jsonl")
csv.field_size_limit(2 ** 31 - 1)  # a 10 MB cell is a cell, not a parse error


def _kind(path: Path) -> tuple[str, bool]:
    """(format suffix, gzip?) of a table path."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    suffix = suffixes[-2] if gz and len(suffixes) == 2 else (suffixes[-1] if suffixes else "")
    if gz and suffix not in STREAMED:
        raise InputError(f"unknown table format {suffix or '(none)'}.gz; gzip works with "
                         f"{', '.join(STREAMED)}", file=path)
    if suffix not in (*STREAMED, ".parquet", ".xlsx"):
        raise InputError(f"unknown table format {suffix or '(none)'}; use .csv, .tsv, .jsonl "
                         f"(optionally .gz), .parquet or .xlsx", file=path)
    return suffix, gz


def _open_text(path: Path, gz: bool, mode: str):
    raw = gzip.open(path, mode + "b") if gz else open(path, mode + "b")
    # surrogateescape keeps invalid bytes visible, so that the row can be marked, not lost;
    # utf-8-sig drops a byte-order mark at the start of the file
    return io.TextIOWrapper(raw, encoding="utf-8-sig" if mode == "r" else "utf-8",
                            errors="surrogateescape", newline="")


#: A record spanning more lines than this is marked: most likely an unclosed quote.
_MAX_RECORD_LINES = 200


#: What a damaged or truncated gzip file raises while it is read.
_DAMAGED = (EOFError, zlib.error, gzip.BadGzipFile)


def _clean(value):
    """A cell with invalid UTF-8 bytes: the bytes replaced by U+FFFD, and True."""
    if isinstance(value, str) and any("\udc80" <= ch <= "\udcff" for ch in value):
        return "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in value), True
    return value, False


def _csv_chunks(path: Path, gz: bool, sep: str, rows: int):
    import pandas as pd

    with _open_text(path, gz, "r") as handle:
        reader = csv.reader(handle, delimiter=sep)
        try:
            header = [_clean(cell)[0] for cell in next(reader)]
        except StopIteration:
            raise InputError("is empty (no header row)", file=path) from None
        width = len(header)
        batch, notes, seen = [], [], 0
        line = reader.line_num
        for record in reader:
            first_line, line = line + 1, reader.line_num
            if not record:   # a blank line is not a row
                continue
            seen += 1
            note = ""
            if line - first_line + 1 > _MAX_RECORD_LINES:
                note = f"lines {first_line}-{line} were read as one row (an unclosed quote?)"
            if len(record) != width:
                note = "; ".join(filter(None, [note, f"line {first_line} has {len(record)} fields, "
                                                     f"the header {width}"]))
                record = (record + [None] * width)[:width]
            cleaned = [_clean(cell) for cell in record]
            if any(bad for _, bad in cleaned):
                note = "; ".join(filter(None, [note, "invalid UTF-8 replaced"]))
            batch.append([None if cell == "" else cell for cell, _ in cleaned])
            notes.append(note)
            if len(batch) == rows:
                yield pd.DataFrame(batch, columns=header, dtype=object), notes
                batch, notes = [], []
        if batch or not seen:  # the last part; or, for a header alone, one empty chunk
            yield pd.DataFrame(batch, columns=header, dtype=object), notes


def _jsonl_chunks(path: Path, gz: bool, rows: int):
    import pandas as pd

    with _open_text(path, gz, "r") as handle:
        batch, notes = [], []
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            line, bad = _clean(line)
            try:
                record = json.loads(line)
                note = "invalid UTF-8 replaced" if bad else ""
                if not isinstance(record, dict):
                    record, note = {}, f"line {number} is not a JSON object"
            except json.JSONDecodeError as error:
                record, note = {}, f"line {number} is not valid JSON ({error.msg})"
            batch.append(record)
            notes.append(note)
            if len(batch) == rows:
                yield pd.DataFrame(batch, dtype=object), notes  # object: 2**53 + 1 stays an int
                batch, notes = [], []
        if batch:
            yield pd.DataFrame(batch, dtype=object), notes


#: Documents read from a folder or a glob, one output row per passage.
DOCUMENT_SUFFIXES = (".txt", ".md", ".pdf")


def _documents(pattern: str) -> list[Path] | None:
    """The documents a folder or glob names (sorted), or None for a single table file."""
    path = Path(pattern)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file())
    if any(ch in pattern for ch in "*?["):
        import glob
        return sorted(Path(p) for p in glob.glob(pattern, recursive=True)
                      if Path(p).suffix.lower() in DOCUMENT_SUFFIXES and Path(p).is_file())
    return None


def _document_chunks(paths: list[Path], rows: int):
    """Passages of each document as rows (document, passage, section, lang, text); a
    document that cannot be read keeps one row with the reason in ``error``."""
    import pandas as pd

    from .errors import MotivesError
    from .segment import segment

    columns = ["document", "passage", "section", "lang", "text"]
    batch, notes = [], []
    for path in paths:
        try:
            passages = segment(path)
            found = [[str(path), p.index, p.section, p.lang, p.text] for p in passages]
            found, problems = (found, [""] * len(found)) if found else ([[str(path), None, None, None, None]],
                                                                       ["no body text in the document"])
        except (MotivesError, OSError, ValueError) as error:   # e.g. a file without read permission
            found, problems = [[str(path), None, None, None, None]], [str(error)]
        batch += found
        notes += problems
        if len(batch) >= rows:
            yield pd.DataFrame(batch, columns=columns, dtype=object), notes
            batch, notes = [], []
    if batch or not paths:
        yield pd.DataFrame(batch, columns=columns, dtype=object), notes


def _chunks(path: Path, rows: int, documents: list[Path] | None):
    """Chunks of the table ``path``, or of the ``documents`` a folder or glob named."""
    if documents is not None:
        if not documents:
            raise InputError(f"no {', '.join(DOCUMENT_SUFFIXES)} documents found", file=path)
        return _document_chunks(documents, rows)
    suffix, gz = _kind(path)
    if not path.is_file():
        raise InputError("no such file", file=path)
    if suffix in (".csv", ".tsv"):
        return _guarded(_csv_chunks(path, gz, "\t" if suffix == ".tsv" else ",", rows), path)
    if suffix == ".jsonl":
        return _guarded(_jsonl_chunks(path, gz, rows), path)
    from .read import read_table
    whole = read_table(path)
    return iter([(whole.iloc[start:start + rows], [""] * len(whole.iloc[start:start + rows]))
                 for start in range(0, max(len(whole), 1), rows)])


def _missing(value) -> bool:
    """None, NaN or pandas' NA (where ``value != value`` would raise)."""
    import pandas as pd
    return value is None or (not isinstance(value, (str, list, dict, tuple)) and bool(pd.isna(value)))


def _guarded(chunks, path: Path):
    """The chunks, with a damaged gzip file reported as such (naming the file)."""
    try:
        yield from chunks
    except _DAMAGED as error:
        raise InputError(f"is a damaged or truncated gzip file ({error})", file=path) from None


class _Writer:
    """Appends labelled chunks to ``.<name>.part`` beside the output, and after each chunk
    records in ``.<name>.checkpoint.json`` how many chunks and bytes are safely on disk;
    ``commit`` renames the part file into place and removes the checkpoint.

    Streamed formats are written chunk by chunk (each chunk of a ``.gz`` output is its
    own gzip member, so the file can be cut back to any checkpoint). Parquet is written
    a row group per chunk (input columns as text, scores as numbers) but cannot be cut
    back, so a Parquet run cannot resume; Excel is written whole by ``commit``.
    """

    def __init__(self, path: Path, job: dict, resume: bool):
        self.path, self.job = path, job
        self.suffix, self.gz = _kind(path)
        folder = path.parent if str(path.parent) else Path(".")
        self.part = folder / f".{path.name}.part"
        self.checkpoint = folder / f".{path.name}.checkpoint.json"
        self.frames = []   # Excel is written whole
        self.parquet = None  # a pyarrow ParquetWriter, one row group per chunk
        self.chunks, self.summary, self.columns = 0, None, None
        state = self._saved() if resume else None
        if state is not None:   # cut the part file back to the last complete chunk
            with open(self.part, "r+b") as handle:
                handle.truncate(state["bytes"])
            self.chunks, self.summary, self.columns = state["chunks"], state["summary"], state["columns"]
        elif self.suffix in STREAMED:
            self.part.write_bytes(b"")
            self.checkpoint.unlink(missing_ok=True)

    def _saved(self) -> dict | None:
        """The checkpoint of an interrupted run of the same job, if there is one."""
        try:
            state = json.loads(self.checkpoint.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if state.get("job") != self.job or not self.part.exists() or self.part.stat().st_size < state["bytes"]:
            return None
        return state

    def write(self, frame, summary: dict) -> None:
        if self.suffix == ".parquet":
            self._write_parquet(frame)
            return
        if self.suffix not in STREAMED:
            self.frames.append(frame)
            return
        if self.columns is None:
            self.columns = [str(c) for c in frame.columns]
        if self.suffix != ".jsonl":  # a CSV keeps the first chunk's columns (JSON records carry their own)
            frame = frame.reindex(columns=self.columns)
        opener = gzip.open if self.gz else open
        with opener(self.part, "ab") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
            if self.suffix in (".csv", ".tsv"):
                frame.to_csv(handle, index=False, header=self.chunks == 0,
                             sep="\t" if self.suffix == ".tsv" else ",")
            else:
                for record in frame.to_dict(orient="records"):
                    record = {k: (None if _missing(v) else v) for k, v in record.items()}
                    handle.write(json.dumps(record, ensure_ascii=False, default=str, allow_nan=False) + "\n")
            handle.flush()
        with open(self.part, "rb") as written:   # the data is on disk before the checkpoint says so
            os.fsync(written.fileno())
        self.chunks += 1
        state = {"job": self.job, "chunks": self.chunks, "bytes": self.part.stat().st_size,
                 "summary": summary, "columns": self.columns}
        tmp = self.checkpoint.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(state))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.checkpoint)

    def _write_parquet(self, frame) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as error:
            raise InputError(f"writing .parquet needs pyarrow: {error}", file=self.path) from None
        if self.columns is None:
            self.columns = [str(c) for c in frame.columns]
        frame = frame.reindex(columns=self.columns)
        scores = {f"p_{label}" for label in LABELS}
        # input columns as text (types can differ from chunk to chunk), scores as numbers
        schema = pa.schema([(c, pa.float64() if c in scores else pa.string()) for c in self.columns])
        for column in self.columns:
            if column not in scores:
                frame[column] = [None if _missing(v) else str(v) for v in frame[column]]
        table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
        if self.parquet is None:
            self.parquet = pq.ParquetWriter(self.part, schema)
        self.parquet.write_table(table)

    def commit(self) -> None:
        if self.suffix == ".parquet":
            if self.parquet is None:
                raise InputError("no rows to write", file=self.path)
            self.parquet.close()
            os.replace(self.part, self.path)
            return
        if self.suffix in STREAMED:
            os.replace(self.part, self.path)
            self.checkpoint.unlink(missing_ok=True)
            return
        import pandas as pd

        from .read import write_table
        write_table(pd.concat(self.frames, ignore_index=True) if self.frames else pd.DataFrame(),
                    self.path)  # itself atomic


_WORKER_MODEL = {}


def _cached_model(path: str):
    """The model in the folder ``path``, loaded once per process."""
    if path not in _WORKER_MODEL:
        from .linear import LinearMotives
        _WORKER_MODEL[path] = LinearMotives.load(path)
    return _WORKER_MODEL[path]


def _label_chunk(frame, notes, text_column: str, model, segment: bool = False):
    """Label one chunk (in a worker process the model is loaded once and kept)."""
    if isinstance(model, (str, os.PathLike)):
        model = _cached_model(str(model))
    frame = frame.reset_index(drop=True)
    if text_column not in frame.columns:   # a later JSON Lines chunk whose records all lack it
        frame[text_column] = None
    if segment:  # the reader's notes belong to the article rows
        out = segment_frame(frame, text_column=text_column, model=model)
        article = (out["level"] == "article").to_numpy()
        out.loc[article, "error"] = ["; ".join(filter(None, [note, error]))
                                     for note, error in zip(notes, out.loc[article, "error"])]
        return out
    out = label_frame(frame, text_column=text_column, model=model)
    out["error"] = ["; ".join(filter(None, [note, error])) for note, error in zip(notes, out["error"])]
    return out


def label_file(source, output, *, text_column: str = "text", model=None, chunk_rows: int = 5000,
               jobs: int = 1, progress: bool | None = None, resume: bool = False,
               segment: bool = False) -> dict:
    """Label every row of the table ``source`` into ``output`` (format by suffix).

    ``source`` may also be a folder or a glob (``"theses/*.pdf"``) of .txt, .md and
    .pdf documents: each is segmented, and the output has one row per passage
    (document, passage, section, lang, text and the labels).

    Returns a summary: rows, labelled, errors, per-motive counts, seconds. With
    ``jobs`` > 1 chunks are labelled in that many worker processes (joblib); the
    output is the same, row for row, as with one. ``progress``: a progress bar on
    standard error (default: only when it is a terminal). ``segment``: each row is a
    whole article, written as an article row followed by its passage rows
    (:func:`~motives.batch.segment_frame`); the summary then counts articles and
    ``passages``.

    An interrupted run of a streamed format leaves ``.<output>.part`` and
    ``.<output>.checkpoint.json`` beside the output; ``resume=True`` continues it from
    the last complete chunk (same input, unchanged, and the same options), giving the
    same file as an uninterrupted run. Without ``resume`` a new run starts afresh.

    >>> import pathlib, tempfile, pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "news.csv").write_text("id,text\\n1,Pemprov ingin menarik investor Korea.\\n2,\\n")
    >>> label_file(folder / "news.csv", folder / "labelled.csv", progress=False)["errors"]
    1
    >>> pd.read_csv(folder / "labelled.csv")[["id", "motives", "error"]].fillna("").values.tolist()
    [[1, 'economic', ''], [2, '', 'missing text']]
    """
    from joblib import Parallel, delayed

    source, output = Path(source), Path(output)
    _kind(output)  # an unknown output format stops the job before anything is read
    started = time.perf_counter()
    documents = _documents(str(source))   # the folder is walked once, for the chunks and the fingerprint
    chunks = _chunks(source, chunk_rows, documents)
    try:
        first = next(chunks)
    except StopIteration:
        first = None
    if first is not None and text_column not in first[0].columns:
        raise InputError(f"no column {text_column!r}; the columns are "
                         f"{', '.join(map(str, first[0].columns))}", file=source)
    if model is None:
        from .predict import default_model_path
        model = os.environ.get("MOTIVES_MODEL") or str(default_model_path())
    if isinstance(model, os.PathLike):
        model = str(model)
    files = documents if documents is not None else [source]
    # the job's fingerprint: a changed input (or a document added to a folder) starts afresh
    job = {"source": str(source.resolve()),
           "files": [[str(f), f.stat().st_size, f.stat().st_mtime_ns] for f in files],
           "text_column": text_column, "chunk_rows": chunk_rows, "model": str(model), "segment": segment}
    writer = _Writer(output, job, resume)
    summary = writer.summary or {"rows": 0, "labelled": 0, "errors": 0, **{label: 0 for label in LABELS},
                                 **({"passages": 0} if segment else {})}
    done = writer.chunks
    from tqdm import tqdm
    bar = tqdm(unit=" rows", disable=not (sys.stderr.isatty() if progress is None else progress),
               file=sys.stderr)
    try:
        def all_chunks():  # the chunks a resumed run has already written are read, not labelled
            for number, chunk in enumerate(itertools.chain([first] if first is not None else [], chunks)):
                if number >= done:
                    yield chunk

        bar.update(summary["rows"])
        if jobs == 1:
            results = (_label_chunk(frame, notes, text_column, model, segment) for frame, notes in all_chunks())
        else:  # ordered results; at most 2 * jobs chunks in flight, so memory stays flat
            results = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")(
                delayed(_label_chunk)(frame, notes, text_column, model, segment) for frame, notes in all_chunks())
        for written in results:
            out = written[written["level"] == "article"] if segment else written
            if segment:
                summary["passages"] += int(len(written) - len(out))
            summary["rows"] += len(out)
            summary["errors"] += int((out["error"] != "").sum())
            summary["labelled"] += int(out["p_economic"].notna().sum())
            found = out["motives"].astype(str).str.split(";")
            for label in LABELS:
                summary[label] += int(found.map(lambda labels: label in labels).sum())
            writer.write(written, summary)
            bar.update(len(out))
        writer.commit()
    finally:  # an interrupted run keeps its part file and checkpoint for --resume
        bar.close()
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary
