"""One registration schema (issue 16, point 5): Đăng ký's columns, the commune template's
columns and text columns, the validation's fields and a product's Đăng ký row all come from
``schema.REGISTRATION``, and agree on real files."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ocop_xl.domain.submissions import Product
from ocop_xl.domain.submissions.schema import FORM_FIELDS, REGISTER_FIELDS, REGISTRATION
from ocop_xl.domain.submissions.vocab import FIELDS, PREFILLED_FIELDS, REQUIRED_FIELDS
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_reader import read_submission
from ocop_xl.workbook.commune_template import write_template
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.submissions import (
    COMMUNE_TABLE,
    FORM_TEXT_COLUMNS,
    LOOKS,
    PRECHECK_COLUMNS,
    TEMPLATE_SHEET,
)
from ocop_xl.workbook.port import records


def _product() -> Product:
    """A product with every field of Đăng ký set to something other than its default."""
    return Product(
        product_id="HK-0a1b2c3d",
        commune_code="HK",
        commune="Hà Kỳ",
        product_name="Mật ong hoa nhãn",
        group_code="1.1.1",
        group_name="Rau, củ, quả, hạt tươi",
        producer="HTX Mật ong Hà Kỳ",
        producer_type="HTX",
        tax_id="0801234567",
        representative="Nguyễn Văn An",
        phone="0912345678",
        address="Thôn Đông",
        kind="nâng hạng sao",
        current_stars=3,
        certificate_no="01/GCN-OCOP",
        certificate_date=date(2021, 9, 15),
        support="CBCL, BAOBI",
        notes="Ghi chú của xã",
        source_file="ho-so-xa/dang-ky-ha-ky.xlsx",
        source_sheet="Đăng ký sản phẩm",
        source_row=5,
    )


def test_every_field_is_declared_once_in_order():
    keys = [f.key for f in REGISTRATION]
    assert len(keys) == len(set(keys))
    assert set(LOOKS) == set(keys)  # the layout's widths cover exactly the schema's fields
    for f in REGISTRATION:
        look = LOOKS[f.key]
        assert (look.register is not None) == f.on_register, f.key
        assert (look.form is not None) == f.on_form, f.key


def test_the_register_layout_is_the_schema():
    spec = MASTER.table("registrations")
    assert spec.keys == tuple(f.key for f in REGISTER_FIELDS)
    assert [c.header for c in spec.columns] == [f.header for f in REGISTER_FIELDS]
    assert [c.kind for c in spec.columns] == [f.kind for f in REGISTER_FIELDS]
    assert not any(c.required for c in spec.columns)  # a master without one still opens


def test_the_commune_form_and_its_checks_are_the_schema():
    assert COMMUNE_TABLE.keys == FIELDS == tuple(f.key for f in FORM_FIELDS)
    for col, f in zip(COMMUNE_TABLE.columns, FORM_FIELDS, strict=True):
        assert (col.header, col.kind, col.note, col.aliases) == (
            f.form_label,
            f.kind,
            f.note,
            f.aliases,
        )
        assert col.required == f.required == (f.key in REQUIRED_FIELDS)
    assert {"seq", "commune"} == PREFILLED_FIELDS
    assert {"tax_id", "phone", "certificate_no"} == FORM_TEXT_COLUMNS


def test_the_written_template_has_the_schemas_headers_and_text_columns(tmp_path, tu_ky):
    commune = tu_ky.communes[0]
    path = write_template(
        tmp_path / "mau.xlsx", tu_ky, criteria_set(tu_ky.criteria_set), commune, date(2023, 2, 1)
    )
    ws = load_workbook(path)[TEMPLATE_SHEET]
    row = COMMUNE_TABLE.header_row
    for i, f in enumerate(FORM_FIELDS):
        letter = get_column_letter(COMMUNE_TABLE.first_col + i)
        assert ws[f"{letter}{row}"].value == f.form_label
        fmt = ws.column_dimensions[letter].number_format
        if f.numeric_text:
            assert fmt == "@", f.key
        elif f.kind == "date":
            assert fmt == "dd/mm/yyyy", f.key
        else:
            assert fmt == "General", f.key
    # and the reader finds every field of the schema in it, under its header, then the
    # commune's pre-check part (the Tứ Kỳ route has one)
    sheet = read_submission(path).sheet
    assert sheet is not None
    assert list(sheet.labels.items()) == [(f.key, f.form_label) for f in FORM_FIELDS] + [
        (c.key, c.header) for c in PRECHECK_COLUMNS
    ]


def test_a_product_goes_to_its_row_and_back():
    product = _product()
    row = product.to_row()
    assert list(row) == [f.key for f in REGISTER_FIELDS]
    assert all(row[f.name] is not None for f in fields(Product) if f.name in row)
    assert Product.from_row(row) == product


def test_a_product_goes_through_the_register_sheet_of_a_real_master_and_back(master):
    product = _product()
    with FileWorkbook.open(master) as wb:
        wb.write_table("registrations", pd.DataFrame([product.to_row()]))
        wb.commit()
    with FileWorkbook.open(master, writable=False) as wb:
        (_, read), *others = records(wb.read_table("registrations"))
    assert not others
    # every cell as written, numbers and dates as Excel gives them back
    assert Product.from_row(read) == product


def test_a_row_the_office_typed_badly_still_reads():
    typed = {"product_name": "  Chè  xanh ", "current_stars": "3 sao", "source_row": 4.0}
    product = Product.from_row(typed | {"certificate_date": "15/09/2021", "tax_id": None})
    assert (product.product_name, product.current_stars, product.source_row) == (
        "Chè xanh",
        None,
        4,
    )
    assert (product.certificate_date, product.tax_id, product.commune) == (None, "", "")
