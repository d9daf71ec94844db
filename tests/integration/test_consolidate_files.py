"""Consolidation on real commune workbooks written from the template and read back."""

import hashlib
import unicodedata
import zipfile
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.table import Table

from ocop_xl.actions import run_action
from ocop_xl.domain.submissions import product_id
from ocop_xl.profiles import criteria_set
from ocop_xl.workbook.commune_template import template_file_name, write_filled
from ocop_xl.workbook.file_workbook import FileWorkbook
from ocop_xl.workbook.layout.submissions import TEMPLATE_SHEET

TODAY = date(2023, 11, 30)  # in the plan's year: dates are judged as of that year


def row(name="Mật ong hoa nhãn", producer="HTX Ong mật Mẫu", **more):
    values = {
        "product_name": name,
        "group_code": "I.2.b - Mật ong, mật khác và nông sản thực phẩm khác",
        "producer": producer,
        "producer_type": "HTX",
        "tax_id": "0800000101",
        "representative": "Nguyễn Văn An",
        "phone": "0912 000 101",
        "address": "Thôn Nhất",
        "kind": "sản phẩm đã có",
        "support": "CBCL, BAOBI",
    }
    values.update(more)
    return values


def commune_file(folder, profile, code, rows, name=None):
    commune = profile.commune(code)
    path = folder / (name or template_file_name(profile, commune))
    return write_filled(path, profile, criteria_set(profile.criteria_set), commune, rows, TODAY)


def consolidate(master, *sources):
    return run_action("consolidate", FileWorkbook.open(master), sources=list(sources))


def table(master, name):
    return FileWorkbook.open(master, writable=False).read_table(name)


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture
def communes(master):
    folder = master.parent / "communes"
    folder.mkdir()
    return folder


def test_rows_land_in_dang_ky_with_provenance_and_problems_in_kiem_tra(master, tu_ky, communes):
    commune_file(communes, tu_ky, "ha-ky", [row(), row("Bánh đa vừng", group_code="I.3.b")])
    commune_file(communes, tu_ky, "tan-ky", [row("Chè xanh", "HTX Chè Mẫu", phone="0912.34")])
    before = digests(communes)

    result = consolidate(master, communes)

    assert digests(communes) == before  # sources are only read
    frame = table(master, "registrations")
    assert list(frame["commune_code"]) == ["tan-ky", "ha-ky", "ha-ky"]  # commune list order
    first = frame.loc[frame["product_name"] == "Mật ong hoa nhãn"].iloc[0]
    assert first["product_id"] == product_id("ha-ky", "Mật ong hoa nhãn", "HTX Ong mật Mẫu")
    assert first["source_file"] == "communes/dang-ky-ocop-2023-ha-ky.xlsx"
    assert (first["source_sheet"], first["source_row"]) == (TEMPLATE_SHEET, 5)
    assert (first["group_code"], first["support"], first["phone"]) == (
        "I.2.b",
        "CBCL, BAOBI",
        "0912000101",
    )
    checks = table(master, "issues")
    (problem,) = checks.to_dict("records")
    assert problem["code"] == "PHONE_FORMAT" and problem["severity"] == "Lỗi"
    assert problem["file"] == "communes/dang-ky-ocop-2023-tan-ky.xlsx"
    assert (problem["sheet"], problem["cell"], problem["row"]) == (TEMPLATE_SHEET, "I5", 5)
    assert "0912.34" in problem["message"] and problem["message_en"]

    report = result.to_json()
    assert report["counts"]["files"] == 2 and report["counts"]["errors"] == 1
    assert report["files"][0].keys() >= {"file", "commune", "rows", "errors", "warnings", "sha256"}
    assert {f["commune"]: f["rows"] for f in report["files"]} == {"ha-ky": 2, "tan-ky": 1}
    assert report["products"][0].keys() >= {
        "product_id",
        "commune",
        "name",
        "producer",
        "source_file",
        "source_row",
    }
    assert len(result.inputs) == 2 and all(len(sha) == 64 for _, sha in result.inputs)
    audit = table(master, "audit")
    assert "dang-ky-ocop-2023-ha-ky.xlsx" in audit.iloc[-1]["inputs"]


def test_reconsolidating_a_corrected_file_replaces_its_commune_only(master, tu_ky, communes):
    ha_ky = commune_file(
        communes, tu_ky, "ha-ky", [row(), row("Bánh đa"), row("Cá rô", phone="sai")]
    )
    commune_file(communes, tu_ky, "tan-ky", [row("Chè xanh", "HTX Chè Mẫu")])
    consolidate(master, communes)
    first = table(master, "registrations")
    ids = dict(zip(first["product_name"], first["product_id"], strict=True))

    # The office adds its own column to Đăng ký and writes in it.
    book = load_workbook(master)
    ws = book["Đăng ký"]
    tbl = ws.tables["tblDangKy"]
    ws["V1"] = "Ý kiến phòng"
    end_row = int("".join(ch for ch in tbl.ref.split(":")[1] if ch.isdigit()))
    tbl.ref = f"A1:V{end_row}"
    tbl.tableColumns = []
    tbl.autoFilter.ref = tbl.ref
    for r in range(2, end_row + 1):
        if ws.cell(r, 4).value == "Bánh đa":
            ws.cell(r, 22).value = "Đã khảo sát thực tế"
    book.save(master)

    # The commune corrects its file: rows reordered, one fixed, one dropped, one added.
    ha_ky.unlink()
    commune_file(communes, tu_ky, "ha-ky", [row("Cá rô"), row("Bánh đa"), row("Giò lụa")])
    result = consolidate(master, ha_ky)

    frame = table(master, "registrations")
    assert set(frame["product_name"]) == {"Bánh đa", "Cá rô", "Chè xanh", "Giò lụa"}
    assert len(frame) == 4
    assert frame["product_id"].is_unique
    now = dict(zip(frame["product_name"], frame["product_id"], strict=True))
    assert now["Cá rô"] == ids["Cá rô"] and now["Bánh đa"] == ids["Bánh đa"]  # stable IDs
    assert now["Chè xanh"] == ids["Chè xanh"]  # the other commune is kept as it was
    notes = dict(zip(frame["product_name"], frame["Ý kiến phòng"], strict=True))
    assert notes["Bánh đa"] == "Đã khảo sát thực tế"
    assert result.counts["products_kept"] == 1 and result.counts["products_from_files"] == 3
    assert table(master, "issues").empty  # the fixed phone no longer shows


def test_values_are_normalised_and_formula_text_stays_text(master, tu_ky, communes):
    nfd = unicodedata.normalize("NFD", "Bánh  đa   vừng ")
    cert = TODAY - timedelta(days=400)
    rows = [
        row(nfd, producer_type="htx", phone="0912.000.101", tax_id=" 0800000101 "),
        row(
            '=HYPERLINK("http://x","bấm")',
            "+84 công ty",
            notes="@SUM(A1)",
            kind="nâng hạng sao",
            current_stars="3,0",
            certificate_no="-12/GCN",
            certificate_date=cert.strftime("%d/%m/%Y"),
        ),
        row(
            "Giò lụa",
            kind="đánh giá lại",
            current_stars=4,
            certificate_no="7",
            certificate_date=datetime(cert.year, cert.month, cert.day),
        ),
    ]
    path = commune_file(communes, tu_ky, "ha-ky", rows)
    book = load_workbook(path)  # a date typed as an Excel serial number
    book[TEMPLATE_SHEET]["N7"] = (cert - date(1899, 12, 30)).days
    book.save(path)

    result = consolidate(master, communes)

    assert result.errors == []
    frame = table(master, "registrations").set_index("product_name")
    assert "Bánh đa vừng" in frame.index  # NFC, trimmed, spaces collapsed
    assert frame.loc["Bánh đa vừng", "producer_type"] == "HTX"
    assert frame.loc["Bánh đa vừng", "tax_id"] == "0800000101"
    formula_row = frame.loc['=HYPERLINK("http://x","bấm")']
    assert formula_row["current_stars"] == 3 and formula_row["notes"] == "@SUM(A1)"
    assert formula_row["certificate_date"].date() == cert
    assert frame.loc["Giò lụa", "certificate_date"].date() == cert
    ws = load_workbook(master)["Đăng ký"]
    texts = [c for r in ws.iter_rows(min_row=2) for c in r if isinstance(c.value, str)]
    assert {c.value for c in texts} >= {"+84 công ty", "@SUM(A1)", "-12/GCN"}
    assert all(c.data_type == "s" for c in texts)
    with zipfile.ZipFile(master) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def _home_made_file(path):
    """A commune's own sheet: title rows, headers retyped, an extra column, a column
    missing, a blank row in the middle, no template metadata."""
    book = Workbook()
    ws = book.active
    ws.title = "Danh sách"
    ws["A1"] = "DANH SÁCH SẢN PHẨM ĐĂNG KÝ OCOP"
    ws["A2"] = "Xã Hà Kỳ"
    headers = [
        "STT",
        "Xã",
        "TEN SAN PHAM",
        "Nhóm sản phẩm",
        "Tên chủ thể",
        "Loại hình chủ thể",
        "MST",
        "Người đại diện",
        "Số điện thoại",
        "Hình thức đăng ký",
        "Diện tích (ha)",
    ]
    for c, h in enumerate(headers, start=1):
        ws.cell(5, c, h)
    data = [
        [
            1,
            "Hà Kỳ",
            "Mật ong",
            "I.2.b",
            "HTX Ong",
            "HTX",
            "0800000101",
            "An",
            "0912000101",
            "sản phẩm đã có",
            2.5,
        ],
        [None] * 11,
        [
            2,
            "Hà Kỳ",
            "Bánh đa",
            "I.3.b",
            "HTX Bánh",
            "HTX",
            "0800000102",
            "Bình",
            "0912000102",
            "ý tưởng mới",
            None,
        ],
    ]
    for r, values in enumerate(data, start=6):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c, v)
    ws.add_table(Table(displayName="tblRieng", ref="A5:K8"))
    book.save(path)
    return path


def test_a_home_made_sheet_is_read_by_its_headers(master, communes):
    _home_made_file(communes / "ha-ky-tu-lam.xlsx")
    result = consolidate(master, communes)
    found = sorted((i.code, i.location.cell) for i in result.issues)
    assert found == [
        ("BLANK_ROWS", ""),
        ("EXTRA_COLUMN", "K5"),
        ("HEADER_MATCHED", "B5"),
        ("HEADER_MATCHED", "C5"),
        ("HEADER_MATCHED", "G5"),
        ("HEADER_MATCHED", "I5"),
        ("SUBMISSION_COLUMN_MISSING", ""),
        ("TEMPLATE_META_MISSING", ""),
    ]
    matched = next(i for i in result.issues if i.location.cell == "C5")
    assert "TEN SAN PHAM" in matched.message_vi and "Tên sản phẩm" in matched.message_vi
    missing = next(i for i in result.issues if i.code == "SUBMISSION_COLUMN_MISSING")
    assert "Địa chỉ (thôn, xóm)" in missing.message_vi
    frame = table(master, "registrations")
    assert list(frame["product_name"]) == ["Mật ong", "Bánh đa"]
    assert list(frame["source_row"]) == [6, 8] and set(frame["commune_code"]) == {"ha-ky"}
    products = result.to_json()["products"]
    assert products[0]["extra"] == {"Diện tích (ha)": 2.5} and "extra" not in products[1]


def test_the_remaining_rules_on_real_files(master, tu_ky, communes):
    old_cert = date(TODAY.year - 4, 1, 15)
    ha_ky = commune_file(
        communes,
        tu_ky,
        "ha-ky",
        [
            row("Mật ong hoa nhãn"),
            row("Mật ong hoa nhãm"),  # near-identical name, same producer
            row("Giò lụa", group_code="IX.1"),
            row("Chè", support="CBCL, LOGO"),
            row(
                "Nem chua",
                kind="nâng hạng sao",
                current_stars=5,
                certificate_no="9",
                certificate_date=old_cert,
            ),
            row(
                "Bánh cáy",
                kind="đánh giá lại",
                current_stars="ba",
                certificate_no="8",
                certificate_date="31/02/2022",
            ),
        ],
    )
    book = load_workbook(ha_ky)  # the metadata of another plan, an unknown version
    for cells in book["Thông tin mẫu"].iter_rows(min_row=2):
        if cells[0].value == "template_version":
            cells[1].value = "9"
        if cells[0].value == "year":
            cells[1].value = "2022"
    book.save(ha_ky)
    tan_ky = commune_file(communes, tu_ky, "tan-ky", [row("Mật ong hoa nhãn")])
    book = load_workbook(tan_ky)
    for cells in book["Thông tin mẫu"].iter_rows(min_row=2):
        if cells[0].value == "commune_code":
            cells[1].value = "xa-khong-co"  # rows still say Tân Kỳ
    book.save(tan_ky)

    result = consolidate(master, communes)

    found = sorted(
        (i.code, i.location.file.rsplit("-", 1)[-1], i.location.cell) for i in result.issues
    )
    assert found == [
        ("CERTIFICATE_EXPIRED", "ky.xlsx", "N9"),
        ("COMMUNE_UNKNOWN", "ky.xlsx", ""),
        ("DUPLICATE_PRODUCT", "ky.xlsx", "C5"),
        ("GROUP_UNKNOWN", "ky.xlsx", "D7"),
        ("SIMILAR_PRODUCT", "ky.xlsx", "C6"),
        ("SUPPORT_NOT_PER_PRODUCT", "ky.xlsx", "O8"),
        ("TEMPLATE_OTHER_PLAN", "ky.xlsx", ""),
        ("TEMPLATE_VERSION_UNKNOWN", "ky.xlsx", ""),
        ("UPGRADE_FROM_MAX_STARS", "ky.xlsx", "L9"),
        ("VALUE_INVALID", "ky.xlsx", "L10"),
        ("VALUE_INVALID", "ky.xlsx", "N10"),
    ]
    by_code = {i.code: i for i in result.issues}
    # Tân Kỳ comes first in the commune list: its row stays, Hà Kỳ's repeat is left out.
    assert by_code["DUPLICATE_PRODUCT"].location.file.endswith("ha-ky.xlsx")
    assert by_code["COMMUNE_UNKNOWN"].location.file.endswith("tan-ky.xlsx")
    frame = table(master, "registrations")
    assert list(frame["commune_code"]).count("tan-ky") == 1
    assert frame.loc[frame["product_name"] == "Chè", "support"].item() == "CBCL"
