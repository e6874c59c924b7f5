"""Coding sheets and reading hand codes back (issue 7, steps 1-2)."""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motives
from motives import LABELS
from motives.coding import SHEET_COLUMNS, CodesError, coding_sheet, read_coded, write_sheet
from motives.labels import INDONESIAN, NO, SEPARATORS, YES, parse_flag, parse_labels

NONE_FORMS = ("none", "tidak ada", "-")
label_sets = st.sets(st.sampled_from(LABELS))


def _case(draw, word: str) -> str:
    return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)


@st.composite
def label_cells(draw):
    """A label set and one way a researcher could write it in a labels cell."""
    chosen = draw(label_sets)
    if not chosen:
        return chosen, _case(draw, draw(st.sampled_from(NONE_FORMS)))
    names = [_case(draw, draw(st.sampled_from([label, INDONESIAN[label]]))) for label in chosen]
    names = draw(st.permutations(names))
    pieces = [names[0]]
    for name in names[1:]:
        pieces.append(draw(st.sampled_from([" ", ""])) + draw(st.sampled_from(SEPARATORS))
                      + draw(st.sampled_from([" ", ""])) + name)
    return chosen, draw(st.sampled_from(["", " "])) + "".join(pieces) + draw(st.sampled_from(["", " "]))


@st.composite
def flag_rows(draw):
    """A label set written as per-label cells (yes forms, no forms or blanks); never all blank."""
    chosen = draw(label_sets)
    cells = {}
    for label in LABELS:
        if label in chosen:
            cells[label] = draw(st.one_of(st.sampled_from(YES).map(lambda v: _case(draw, v)),
                                          st.sampled_from([1, 1.0, True])))
        else:
            cells[label] = draw(st.one_of(st.sampled_from(NO).map(lambda v: _case(draw, v)),
                                          st.sampled_from(["", None, 0, 0.0, False])))
    if all(cells[label] in ("", None) for label in LABELS):
        cells[draw(st.sampled_from(LABELS))] = draw(st.sampled_from(NO))
    return chosen, cells


@settings(max_examples=300, deadline=None)
@given(label_cells())
def test_every_accepted_labels_cell_reads_back_as_its_label_set(case):
    chosen, cell = case
    assert set(parse_labels(cell)) == chosen
    coded = read_coded(pd.DataFrame({"text": ["a passage"], "labels": [cell]}))
    assert coded["labels"].tolist() == [";".join(l for l in LABELS if l in chosen)]
    assert coded[list(LABELS)].to_numpy().tolist() == [[int(l in chosen) for l in LABELS]]


@settings(max_examples=300, deadline=None)
@given(flag_rows(), st.booleans())
def test_every_accepted_per_label_row_reads_back_as_its_label_set(case, indonesian_headers):
    chosen, cells = case
    header = (lambda l: INDONESIAN[l].capitalize()) if indonesian_headers else (lambda l: l.upper())
    frame = pd.DataFrame({"text": ["a passage"], **{header(l): [cells[l]] for l in LABELS}})
    coded = read_coded(frame)
    assert len(coded) == 1
    assert set(l for l in LABELS if coded.at[0, l]) == chosen


rejected_labels = st.text(min_size=1, max_size=12).filter(lambda s: _raises(parse_labels, s))
rejected_flags = st.text(min_size=1, max_size=8).filter(lambda s: _raises(parse_flag, s))


def _raises(parse, value) -> bool:
    try:
        parse(value)
    except ValueError:
        return True
    return False


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.sampled_from(["labels", *LABELS])), min_size=1, max_size=4,
                unique=True), st.data())
def test_every_rejected_cell_is_named_with_its_row_and_column(bad_cells, data):
    frame = pd.DataFrame({"text": [f"passage {i}" for i in range(10)], "labels": [""] * 10,
                          **{label: [""] * 10 for label in LABELS}})
    for i in range(10):
        frame.at[i, "labels"] = "economic" if i % 2 else "none"
        frame.at[i, "economic"] = "1" if i % 2 else ""
    for row, column in bad_cells:
        frame.at[row, column] = data.draw(rejected_labels if column == "labels" else rejected_flags)
    with pytest.raises(CodesError) as caught:
        read_coded(frame)
    named = {(row, column) for row, column, _, _ in caught.value.cells}
    assert named == set(bad_cells)  # a DataFrame's rows are named by their index labels
    for row, column in bad_cells:
        assert f"index {row}, column {column}: " in str(caught.value)


def test_rejected_cells_are_all_listed_with_file_row_and_spreadsheet_column(tmp_path):
    path = tmp_path / "coded.csv"
    pd.DataFrame({"text": ["a", "b", "c", "d"], "labels": ["ekonomi", "econ", "budaya / politik", "maybe"],
                  "coder": ["A"] * 4}).to_csv(path, index=False)
    with pytest.raises(CodesError) as caught:
        read_coded(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 2 problem(s) with the codes")
    assert "row 3, column labels (B): unknown label 'econ'" in message
    assert "row 5, column labels (B): unknown label 'maybe'" in message


def test_a_labels_cell_that_contradicts_the_per_label_cells_is_an_error():
    frame = pd.DataFrame({"text": ["a", "b", "c"], "labels": ["economic", "budaya", "politik"],
                          "economic": ["1", "1", ""], "cultural": ["", "", ""]})
    with pytest.raises(CodesError) as caught:
        read_coded(frame)
    assert [cell[:2] for cell in caught.value.cells] == [(1, "labels")]  # rows 0 and 2 are consistent
    assert "says cultural but the per-label columns say economic" in str(caught.value)


def test_blank_rows_are_not_yet_coded_and_none_must_be_written():
    frame = pd.DataFrame({"text": ["a", "b", "c", "d"], "labels": ["none", None, "  ", "politik"],
                          "coder": ["A", "", "", "A"]})
    coded = read_coded(frame)
    assert coded["text"].tolist() == ["a", "d"] and coded["labels"].tolist() == ["", "political"]
    assert coded["row"].tolist() == [0, 3] and coded.attrs["uncoded"] == 2
    everything = read_coded(frame, keep_uncoded=True)
    assert everything["coded"].tolist() == [True, False, False, True]
    assert read_coded(frame, blank="none")["labels"].tolist() == ["", "", "", "political"]


def test_a_coded_row_needs_text_and_a_table_needs_codes():
    with pytest.raises(CodesError, match="index 0, column text: a coded row without text"):
        read_coded(pd.DataFrame({"text": [""], "labels": ["economic"]}))
    with pytest.raises(motives.InputError, match="no column 'labels' of codes, nor per-label columns"):
        read_coded(pd.DataFrame({"text": ["a"], "kode": ["economic"]}))
    assert read_coded(pd.DataFrame({"text": ["a"], "kode": ["economic"]}), labels="kode")["economic"].tolist() == [1]


def test_jsonl_problems_are_named_by_line(tmp_path):
    path = tmp_path / "coded.jsonl"
    path.write_text('{"text": "a", "labels": ["economic"]}\n{"text": "b", "labels": "ekonomi, sosial"}\n')
    with pytest.raises(CodesError, match="line 2, column labels: unknown label 'sosial'"):
        read_coded(path)


def test_the_sheet_of_a_document_has_its_passages_and_the_models_suggestions(fixtures):
    sheet = coding_sheet(fixtures / "markdown_en.md")
    assert tuple(sheet.columns) == SHEET_COLUMNS
    passages = motives.segment(fixtures / "markdown_en.md")
    assert sheet["text"].tolist() == [p.text for p in passages]
    assert sheet["section"].tolist() == [p.section for p in passages]
    assert sheet["passage_id"].is_unique and sheet["passage_id"].iloc[0] == "markdown_en-0001"
    results = motives.classify(sheet["text"].tolist())
    assert sheet["suggestion"].tolist() == [";".join(r.labels) for r in results]
    assert (sheet[list(LABELS) + ["labels", "coder", "comment"]] == "").all().all()
    blind = coding_sheet(fixtures / "markdown_en.md", blind=True)
    assert "suggestion" not in blind.columns and not any(c.startswith("p_") for c in blind.columns)


def test_an_xlsx_sheet_opens_ready_for_coding_and_its_codes_read_back(fixtures, tmp_path):
    from openpyxl import load_workbook

    path = write_sheet(coding_sheet(fixtures / "markdown_en.md"), tmp_path / "coding.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["coding", "codebook"]
    page = book["coding"]
    header = [cell.value for cell in page[1]]
    assert header == list(SHEET_COLUMNS)
    text = header.index("text") + 1
    assert page.freeze_panes == "B2" and page.auto_filter.ref
    assert page.cell(row=2, column=text).alignment.wrap_text and page.cell(row=1, column=1).font.bold
    assert page.column_dimensions["E"].width >= 60
    # A coder fills the sheet in the ways coders do.
    columns = {name: j for j, name in enumerate(header, start=1)}
    assert page.max_row == 4  # the fixture's three passages
    page.cell(row=2, column=columns["economic"]).value = "x"
    page.cell(row=3, column=columns["labels"]).value = "Budaya + POLITIK"
    page.cell(row=4, column=columns["cultural"]).value = 0
    page.cell(row=4, column=columns["political"]).value = "perhaps"
    book.save(path)
    with pytest.raises(CodesError, match=r"row 4, column political \(L\): 'perhaps' is not a yes/no code"):
        read_coded(path)
    page.cell(row=4, column=columns["political"]).value = "ya"
    book.save(path)
    coded = read_coded(path)
    assert coded["labels"].tolist() == ["economic", "cultural;political", "political"]
    assert coded["row"].tolist() == [2, 3, 4]


def test_a_table_of_passages_becomes_a_sheet_keeping_its_ids(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["n7", "n9"], "text": ["Investor Korea datang.", "Festival tari digelar."]}).to_csv(path, index=False)
    sheet = coding_sheet(path)
    assert sheet["passage_id"].tolist() == ["n7", "n9"] and sheet["document"].tolist() == [str(path)] * 2


def test_texts_that_look_like_globs_or_questions_are_passages_and_dataframes_are_tables(tmp_path):
    sheet = coding_sheet(["Apa motif kerja sama ini?", "Kota [Padang] ingin dikenal dunia*"], blind=True)
    assert sheet["text"].tolist() == ["Apa motif kerja sama ini?", "Kota [Padang] ingin dikenal dunia*"]
    frame = pd.DataFrame({"id": ["n1", None], "text": ["Investor datang.", pd.NA]})
    sheet = coding_sheet(frame, blind=True)
    assert sheet["passage_id"].tolist() == ["n1", ""] and sheet["text"].tolist() == ["Investor datang.", ""]
    with pytest.raises(motives.InputError, match="no .* documents found"):
        coding_sheet(str(tmp_path / "*.pdf"))
    with pytest.raises(motives.InputError, match="no such file"):
        coding_sheet("bab1.pdf")


def test_a_formula_in_a_passage_stays_text_in_the_xlsx_sheet(tmp_path):
    texts = ['=HYPERLINK("http://example.invalid","klik")', "= Pemprov menarik investor.", "+62 811 000"]
    path = write_sheet(coding_sheet(texts, blind=True), tmp_path / "sheet.xlsx")
    from openpyxl import load_workbook

    page = load_workbook(path)["coding"]
    assert [page.cell(row=r, column=5).data_type for r in (2, 3, 4)] == ["s", "s", "s"]
    assert pd.read_excel(path)["text"].tolist() == texts


def test_empty_sheets_read_as_no_codes_and_suggest_nothing(tmp_path):
    path = write_sheet(coding_sheet([], blind=True), tmp_path / "empty.xlsx")
    for source in (path, pd.DataFrame(columns=["text", "labels", "economic"])):
        coded = read_coded(source)
        assert len(coded) == 0 and coded.attrs["uncoded"] == 0
    assert len(motives.suggest(path)) == 0


def test_two_columns_for_one_code_are_an_error_naming_them(tmp_path):
    with pytest.raises(motives.InputError, match="economic, Ekonomi all hold economic codes"):
        read_coded(pd.DataFrame({"text": ["a"], "economic": ["1"], "Ekonomi": ["0"]}))
    path = tmp_path / "twice.csv"
    path.write_text("text,economic,economic\na,,1\n", encoding="utf-8")
    with pytest.raises(motives.InputError, match=r"twice.csv: economic, economic.1 all hold economic codes"):
        read_coded(path)


def test_headers_in_any_case_semicolon_csv_and_blank_lines_keep_spreadsheet_rows(tmp_path):
    path = tmp_path / "excel_id.csv"  # Excel with Indonesian settings writes ; between cells
    path.write_text("Text;Labels;Coder\nInvestor datang.;Ekonomi;A\n\nRapat dimulai.;;\nTari.;budaya,x;A\n",
                    encoding="utf-8")
    with pytest.raises(CodesError, match=r"row 5, column Labels \(B\): unknown label 'x' in 'budaya,x'"):
        read_coded(path)
    path.write_text(path.read_text().replace("budaya,x", "budaya"))
    coded = read_coded(path)
    assert coded["text"].tolist() == ["Investor datang.", "Tari."] and coded["row"].tolist() == [2, 5]
    assert coded.attrs["uncoded"] == 1  # row 4; the blank line 3 is not a row


def test_written_sheets_get_the_usual_file_mode(tmp_path):
    import os
    import stat

    mask = os.umask(0o022)
    try:
        path = write_sheet(coding_sheet(["Investor datang."], blind=True), tmp_path / "sheet.csv")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o664)  # a shared sheet stays shared when written again
        write_sheet(coding_sheet(["Investor datang."], blind=True), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o664
    finally:
        os.umask(mask)


def test_evaluate_reads_a_coding_sheet_per_label_columns_and_skips_rows_not_coded(tmp_path):
    sheet = coding_sheet(["Pemprov ingin menarik investor Korea ke kawasan industri.",
                          "Festival tari memperkenalkan budaya Aceh kepada warga Turki.",
                          "Rapat dimulai pukul 09.00.", "Kota itu ingin dikenal dunia."])
    sheet.loc[0, "economic"] = "x"
    sheet.loc[1, "cultural"] = "ya"
    sheet.loc[2, "labels"] = "none"
    path = write_sheet(sheet, tmp_path / "sheet.xlsx")
    report = motives.evaluate(None, path, bootstrap=0)
    assert report.overall["passages"] == 3 and report.overall["uncoded_rows"] == 1
    assert report.labels.loc["economic", "support"] == 1 and report.labels.loc["cultural", "support"] == 1
    predictions = ["economic", "cultural", "", "political"]  # one per row of the sheet
    assert motives.evaluate(predictions, path, bootstrap=0).overall["exact_match"] == 1.0
    assert motives.compare(predictions, ["", "", "", ""], path)["passages"] == 3
