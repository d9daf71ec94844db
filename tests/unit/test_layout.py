import re

from ocop_xl.workbook.layout import MASTER, TableSheet

REQUIRED_CONFIG_SHEETS = {
    "Cấu hình",
    "Danh mục xã",
    "Phòng ban",
    "Nhiệm vụ",
    "Chỉ tiêu",
    "Nguồn vốn",
    "Danh mục hỗ trợ",
    "Hội đồng",
    "Quy trình đánh giá",
    "Yêu cầu bắt buộc",
}


def test_configuration_sheets_are_declared():
    assert {t.sheet for t in MASTER.tables("config")} == REQUIRED_CONFIG_SHEETS


def test_sheet_and_table_names_are_valid_for_excel():
    for sheet in MASTER.sheet_order:
        assert len(sheet) <= 31 and not re.search(r"[\[\]:*?/\\]", sheet), sheet
    for table in MASTER.tables():
        assert re.fullmatch(r"tbl[A-Za-z0-9]+", table.table), table.table


def test_headers_are_unique_per_table_and_dropdown_sources_exist():
    for table in MASTER.tables():
        headers = [c.header for c in table.columns]
        assert len(headers) == len(set(headers)), table.name
        for col in table.columns:
            if col.choices_from:
                source, key = col.choices_from
                assert isinstance(MASTER[source], TableSheet)
                assert key in MASTER.table(source).keys
            if col.choices:
                assert len('"' + ",".join(col.choices) + '"') <= 255


def test_table_keys_name_declared_columns():
    for table in MASTER.tables():
        for key in table.key_columns:
            assert key in table.keys, table.name
