"""Structure through batchUpdate: tables and rows, bullets, page breaks, headers and footers, named ranges, inline
images; the indexes each adds, as the Docs API counts them."""

from __future__ import annotations

from typing import Any

import pytest
from docs_helpers import batch, body_text, docs_service, end_index
from drive_helpers import error_of
from googleapiclient.errors import HttpError


@pytest.fixture
def docs(twin: Any) -> Any:
    return docs_service(twin)


def _new(docs: Any) -> str:
    return str(docs.documents().create(body={"title": "Structure"}).execute()["documentId"])


def _get(docs: Any, doc_id: str) -> dict[str, Any]:
    return dict(docs.documents().get(documentId=doc_id).execute())


def _insert(text: str, index: int = 1, segment: str = "") -> dict[str, Any]:
    location: dict[str, Any] = {"index": index, **({"segmentId": segment} if segment else {})}
    return {"insertText": {"location": location, "text": text}}


def test_a_table_takes_one_unit_and_each_row_and_cell_one_more(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, {"insertTable": {"rows": 2, "columns": 3, "endOfSegmentLocation": {}}})
    content = _get(docs, doc_id)["body"]["content"]
    assert [next(k for k in c if k not in ("startIndex", "endIndex")) for c in content] == [
        "sectionBreak", "paragraph", "table", "paragraph"
    ]  # fmt: skip
    table = content[2]
    # a newline goes before the table: the table starts at 2; 1 + 2 rows * (1 + 3 cells * 2) = 15 units
    assert (table["startIndex"], table["endIndex"]) == (2, 17)
    assert (table["table"]["rows"], table["table"]["columns"]) == (2, 3)
    first_cell = table["table"]["tableRows"][0]["tableCells"][0]
    assert (first_cell["startIndex"], first_cell["endIndex"]) == (4, 6)
    assert first_cell["content"][0]["startIndex"] == 5
    # text goes into a cell at its paragraph's index (table start + 3 for the first cell)
    batch(docs, doc_id, _insert("c1😀", 5))
    got = _get(docs, doc_id)
    assert got["body"]["content"][2]["endIndex"] == 21 and body_text(got).startswith("\nc1😀\n")
    # a cell's last newline cannot go; the text inside it can
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 5, "endIndex": 10}}})
    batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 5, "endIndex": 9}}})
    assert _get(docs, doc_id)["body"]["content"][2]["endIndex"] == 17


def test_rows_are_inserted_and_deleted(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, {"insertTable": {"rows": 1, "columns": 2, "location": {"index": 1}}})
    cell = {"tableStartLocation": {"index": 2}, "rowIndex": 0, "columnIndex": 0}
    batch(docs, doc_id, {"insertTableRow": {"tableCellLocation": cell, "insertBelow": True}})
    table = _get(docs, doc_id)["body"]["content"][2]
    assert table["table"]["rows"] == 2 and table["endIndex"] == 2 + 1 + 2 * 5
    batch(docs, doc_id, {"deleteTableRow": {"tableCellLocation": {**cell, "rowIndex": 1}}})
    assert _get(docs, doc_id)["body"]["content"][2]["table"]["rows"] == 1
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"insertTableRow": {"tableCellLocation": {**cell, "tableStartLocation": {"index": 1}}}})


def test_a_whole_table_can_be_deleted_but_not_part_of_it(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, {"insertTable": {"rows": 1, "columns": 1, "location": {"index": 1}}})
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 1, "endIndex": 4}}})
    batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 2, "endIndex": 6}}})
    got = _get(docs, doc_id)
    assert body_text(got) == "\n\n" and end_index(got) == 3


def test_bullets_take_their_nesting_from_leading_tabs_which_go(docs: Any) -> None:
    doc_id = _new(docs)
    batch(
        docs,
        doc_id,
        _insert("one\n\ttwo\nthree"),
        {"createParagraphBullets": {"range": {"startIndex": 1, "endIndex": 14},
                                    "bulletPreset": "NUMBERED_DECIMAL_ALPHA_ROMAN"}},
    )  # fmt: skip
    got = _get(docs, doc_id)
    paragraphs = [c["paragraph"] for c in got["body"]["content"] if "paragraph" in c]
    assert body_text(got) == "one\ntwo\nthree\n"
    list_ids = {p["bullet"]["listId"] for p in paragraphs}
    assert len(list_ids) == 1 and list_ids <= set(got["lists"])
    assert [p["bullet"].get("nestingLevel", 0) for p in paragraphs] == [0, 1, 0]
    # a bulleted paragraph is indented as its nesting level is; roman numerals align at their end
    indents = [(p["paragraphStyle"]["indentFirstLine"]["magnitude"], p["paragraphStyle"]["indentStart"]["magnitude"])
               for p in paragraphs]  # fmt: skip
    assert indents == [(18, 36), (54, 72), (18, 36)]
    levels = got["lists"][list_ids.pop()]["listProperties"]["nestingLevels"]
    assert [(n["glyphType"], n["bulletAlignment"]) for n in levels[:3]] == [
        ("DECIMAL", "START"), ("ALPHA", "START"), ("ROMAN", "END")
    ]  # fmt: skip
    batch(docs, doc_id, {"deleteParagraphBullets": {"range": {"startIndex": 1, "endIndex": 2}}})
    paragraphs = [c["paragraph"] for c in _get(docs, doc_id)["body"]["content"] if "paragraph" in c]
    assert ["bullet" in p for p in paragraphs] == [False, True, True]
    # "the nesting level ... visually preserved by adding indent": the text stays where it was
    assert paragraphs[0]["paragraphStyle"]["indentFirstLine"] == {"magnitude": 36, "unit": "PT"}


def test_a_page_break_and_its_newline_take_two_units(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("ab"), {"insertPageBreak": {"location": {"index": 2}}})
    content = _get(docs, doc_id)["body"]["content"]
    first = content[1]["paragraph"]["elements"]
    assert [next(k for k in e if k.endswith(("Run", "Break"))) for e in first] == ["textRun", "pageBreak", "textRun"]
    assert first[1]["startIndex"] == 2 and first[1]["endIndex"] == 3
    assert content[-1]["endIndex"] == 6


def test_headers_and_footers_are_segments_of_their_own(docs: Any) -> None:
    doc_id = _new(docs)
    answer = batch(docs, doc_id, {"createHeader": {"type": "DEFAULT"}}, {"createFooter": {"type": "DEFAULT"}})
    header_id = answer["replies"][0]["createHeader"]["headerId"]
    footer_id = answer["replies"][1]["createFooter"]["footerId"]
    batch(docs, doc_id, _insert("Top", 0, header_id), {"insertText": {"endOfSegmentLocation": {"segmentId": footer_id},
                                                                      "text": "Bottom"}})  # fmt: skip
    got = _get(docs, doc_id)
    assert got["documentStyle"]["defaultHeaderId"] == header_id
    header = got["headers"][header_id]["content"]
    assert header[0]["endIndex"] == 4 and "startIndex" not in header[0]  # a segment of its own starts at 0
    assert got["footers"][footer_id]["content"][0]["paragraph"]["elements"][0]["textRun"]["content"] == "Bottom\n"
    assert body_text(got) == "\n"
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"createHeader": {"type": "DEFAULT"}})
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, _insert("x", 0, "kix.nosuchsegment"))
    assert error_of(caught.value)["message"].startswith("Invalid requests[0].insertText:")


def test_named_range_content_is_replaced_and_the_range_follows(docs: Any) -> None:
    doc_id = _new(docs)
    made = batch(
        docs,
        doc_id,
        _insert("Dear NAME, hello"),
        {"createNamedRange": {"name": "who", "range": {"startIndex": 6, "endIndex": 10}}},
    )
    range_id = made["replies"][1]["createNamedRange"]["namedRangeId"]
    batch(docs, doc_id, {"replaceNamedRangeContent": {"namedRangeId": range_id, "text": "Zoë 😀"}})
    got = _get(docs, doc_id)
    assert body_text(got) == "Dear Zoë 😀, hello\n"
    (entry,) = got["namedRanges"]["who"]["namedRanges"]
    assert entry["ranges"] == [{"startIndex": 6, "endIndex": 12}]
    batch(docs, doc_id, {"deleteNamedRange": {"name": "who"}})
    assert "namedRanges" not in _get(docs, doc_id)


def test_an_inline_image_is_one_unit_with_its_object(docs: Any) -> None:
    doc_id = _new(docs)
    answer = batch(docs, doc_id, _insert("ab"), {"insertInlineImage": {"uri": "https://example.com/a.png",
                                                                       "location": {"index": 2}}})  # fmt: skip
    object_id = answer["replies"][1]["insertInlineImage"]["objectId"]
    got = _get(docs, doc_id)
    elements = got["body"]["content"][1]["paragraph"]["elements"]
    assert elements[1] == {"startIndex": 2, "endIndex": 3,
                           "inlineObjectElement": {"inlineObjectId": object_id, "textStyle": {}}}  # fmt: skip
    assert got["inlineObjects"][object_id]["objectId"] == object_id
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"insertInlineImage": {"uri": "file:///etc/passwd", "location": {"index": 1}}})


def test_columns_are_inserted_and_deleted_in_every_row(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, {"insertTable": {"rows": 2, "columns": 1, "location": {"index": 1}}})
    cell = {"tableStartLocation": {"index": 2}, "rowIndex": 1, "columnIndex": 0}
    batch(docs, doc_id, _insert("x", 8), {"insertTableColumn": {"tableCellLocation": cell, "insertRight": False}})
    table = _get(docs, doc_id)["body"]["content"][2]
    assert table["table"]["columns"] == 2 and table["endIndex"] == 2 + 1 + 2 * 5 + 1
    row = table["table"]["tableRows"][1]["tableCells"]
    assert [c["content"][0]["paragraph"]["elements"][0]["textRun"]["content"] for c in row] == ["\n", "x\n"]
    batch(docs, doc_id, {"deleteTableColumn": {"tableCellLocation": {**cell, "columnIndex": 1}}})
    got = _get(docs, doc_id)
    assert got["body"]["content"][2]["table"]["columns"] == 1 and "x" not in body_text(got)


def test_bullets_next_to_a_matching_list_join_it(docs: Any) -> None:
    doc_id = _new(docs)
    preset = "BULLET_DISC_CIRCLE_SQUARE"
    batch(
        docs,
        doc_id,
        _insert("a\nb\nc"),
        {"createParagraphBullets": {"range": {"startIndex": 1, "endIndex": 2}, "bulletPreset": preset}},
        {"createParagraphBullets": {"range": {"startIndex": 3, "endIndex": 4}, "bulletPreset": preset}},
        {
            "createParagraphBullets": {
                "range": {"startIndex": 5, "endIndex": 6},
                "bulletPreset": "NUMBERED_DECIMAL_NESTED",
            }
        },
    )
    got = _get(docs, doc_id)
    lists = [c["paragraph"]["bullet"]["listId"] for c in got["body"]["content"] if "paragraph" in c]
    assert lists[0] == lists[1] != lists[2] and len(got["lists"]) == 2


def test_document_style_fields_are_set_and_cleared(docs: Any) -> None:
    doc_id = _new(docs)
    wide = {"magnitude": 36, "unit": "PT"}
    batch(docs, doc_id, {"updateDocumentStyle": {"documentStyle": {"marginLeft": wide}, "fields": "marginLeft"}})
    assert _get(docs, doc_id)["documentStyle"]["marginLeft"] == wide
    batch(docs, doc_id, {"updateDocumentStyle": {"documentStyle": {}, "fields": "marginLeft"}})
    assert _get(docs, doc_id)["documentStyle"]["marginLeft"] == {"magnitude": 72, "unit": "PT"}
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"updateDocumentStyle": {"documentStyle": {}, "fields": "defaultHeaderId"}})


def test_request_kinds_the_twin_does_not_apply_say_so(docs: Any) -> None:
    doc_id = _new(docs)
    with pytest.raises(HttpError) as caught:
        batch(docs, doc_id, _insert("x"), {"createFootnote": {"endOfSegmentLocation": {}}})
    assert (caught.value.resp.status, error_of(caught.value)["status"]) == (501, "UNIMPLEMENTED")
    assert body_text(_get(docs, doc_id)) == "\n"


def _runs(docs: Any, doc_id: str) -> list[tuple[str, dict[str, Any]]]:
    elements = _get(docs, doc_id)["body"]["content"][1]["paragraph"]["elements"]
    return [(e["textRun"]["content"], e["textRun"]["textStyle"]) for e in elements]


def test_a_link_underlines_and_colours_and_skips_the_newline(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("see here"))
    link = {"url": "https://example.com/"}
    batch(docs, doc_id, {"updateTextStyle": {"range": {"startIndex": 5, "endIndex": 9}, "textStyle": {"link": link},
                                             "fields": "link"}})  # fmt: skip
    (first, _), (linked, style), (newline, plain) = _runs(docs, doc_id)
    assert (first, linked, newline) == ("see ", "here", "\n") and plain == {}
    assert style["link"] == link and style["underline"] is True
    assert style["foregroundColor"] == {"color": {"rgbColor": {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}}}
    # removing it gives the text the look of what precedes it: the runs are one again
    batch(docs, doc_id, {"updateTextStyle": {"range": {"startIndex": 5, "endIndex": 9}, "textStyle": {},
                                             "fields": "link"}})  # fmt: skip
    assert _runs(docs, doc_id) == [("see here\n", {})]


def test_a_style_equal_to_the_named_styles_is_inherited(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("abc"))
    normal_size = {"magnitude": 11, "unit": "PT"}
    style = {"range": {"startIndex": 1, "endIndex": 3}, "textStyle": {"fontSize": normal_size, "bold": False},
             "fields": "fontSize,bold"}  # fmt: skip
    batch(docs, doc_id, {"updateTextStyle": style})
    assert _runs(docs, doc_id) == [("abc\n", {})]
    bigger = {**style, "textStyle": {"fontSize": {"magnitude": 14, "unit": "PT"}}, "fields": "fontSize"}
    batch(docs, doc_id, {"updateTextStyle": bigger})
    assert _runs(docs, doc_id)[0] == ("ab", {"fontSize": {"magnitude": 14, "unit": "PT"}})
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"updateTextStyle": {**style, "textStyle": {"weightedFontFamily": {"weight": 700}},
                                                 "fields": "weightedFontFamily"}})  # fmt: skip


def test_deleting_the_only_row_or_column_deletes_the_table(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, {"insertTable": {"rows": 1, "columns": 2, "location": {"index": 1}}})
    cell = {"tableStartLocation": {"index": 2}, "rowIndex": 0, "columnIndex": 0}
    batch(docs, doc_id, {"deleteTableRow": {"tableCellLocation": cell}})
    got = _get(docs, doc_id)
    assert not any("table" in c for c in got["body"]["content"]) and body_text(got) == "\n\n"
    batch(docs, doc_id, {"insertTable": {"rows": 2, "columns": 1, "location": {"index": 1}}})
    batch(docs, doc_id, {"deleteTableColumn": {"tableCellLocation": cell}})
    assert not any("table" in c for c in _get(docs, doc_id)["body"]["content"])


def test_a_section_break_follows_a_new_newline_and_takes_one_unit(docs: Any) -> None:
    doc_id = _new(docs)
    batch(docs, doc_id, _insert("ab"), {"insertSectionBreak": {"sectionType": "NEXT_PAGE", "location": {"index": 2}}})
    content = _get(docs, doc_id)["body"]["content"]
    kinds = [next(k for k in c if k not in ("startIndex", "endIndex")) for c in content]
    assert kinds == ["sectionBreak", "paragraph", "sectionBreak", "paragraph"]
    assert (content[2]["startIndex"], content[2]["endIndex"]) == (3, 4)
    assert content[2]["sectionBreak"]["sectionStyle"]["sectionType"] == "NEXT_PAGE"
    assert body_text(_get(docs, doc_id)) == "a\nb\n"
    with pytest.raises(HttpError):  # text goes into paragraphs, never at a section break
        batch(docs, doc_id, _insert("x", 3))
    # the break goes with the text around it (never the newline before it alone)
    with pytest.raises(HttpError):
        batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 2, "endIndex": 3}}})
    batch(docs, doc_id, {"deleteContentRange": {"range": {"startIndex": 2, "endIndex": 4}}})
    got = _get(docs, doc_id)
    assert body_text(got) == "ab\n" and [c.get("sectionBreak") is None for c in got["body"]["content"]] == [False, True]
