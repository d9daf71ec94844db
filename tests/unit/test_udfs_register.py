"""OCOP_VALID_UNTIL and OCOP_CERT_STATUS: the shapes Excel sends, "#OCOP:" errors, the same
rule as the register's action, and their VBA wrappers."""

from datetime import date, datetime

from ocop_xl.domain.register.validity import Window, date_status, valid_until
from ocop_xl.excel.udfs import DEFAULT_VALIDITY_MONTHS, OCOP_CERT_STATUS, OCOP_VALID_UNTIL
from ocop_xl.workbook.xlsm.udf_wrappers import signatures, wrapper_text


def test_valid_until_over_a_column_keeps_its_shape():
    column = [[datetime(2023, 1, 31)], ["29/02/2024"], [None], [44957.0], ["31/01/2023"]]
    assert OCOP_VALID_UNTIL(column) == [
        [date(2026, 1, 31)],
        [date(2027, 2, 28)],
        [None],
        [date(2026, 1, 31)],  # an Excel serial number: 31/01/2023
        [date(2026, 1, 31)],
    ]
    assert OCOP_VALID_UNTIL(datetime(2024, 2, 29)) == date(2027, 2, 28)


def test_bad_dates_give_a_short_text_in_their_cell():
    out = OCOP_VALID_UNTIL([["ba mươi"], [True], ["31/02/2023"], [datetime(2023, 1, 1)]])
    for cell in out[:3]:
        assert isinstance(cell[0], str) and cell[0].startswith("#OCOP: ") and len(cell[0]) < 90
    assert out[3] == [date(2026, 1, 1)]


def test_status_as_of_a_day_edges_included():
    row = [[datetime(2023, 1, 31), "31/01/2023", datetime(2020, 1, 1), None]]
    assert OCOP_CERT_STATUS(row, datetime(2026, 1, 31)) == [
        ["Sắp hết hạn", "Sắp hết hạn", "Hết hạn", None]
    ]
    assert OCOP_CERT_STATUS(datetime(2023, 1, 31), "01/02/2026") == "Hết hạn"
    assert OCOP_CERT_STATUS(datetime(2023, 1, 31), "02/11/2025") == "Sắp hết hạn"  # 90 days
    assert OCOP_CERT_STATUS(datetime(2023, 1, 31), "01/11/2025") == "Còn hiệu lực"  # 91 days
    assert OCOP_CERT_STATUS(datetime(2023, 1, 31), "hôm qua").startswith("#OCOP: ")
    assert OCOP_CERT_STATUS([["x"]], "01/01/2024")[0][0].startswith("#OCOP: ")


def test_blank_as_of_is_today_and_the_rule_is_the_register_s():
    decided = date.today().replace(day=1)
    assert OCOP_CERT_STATUS(datetime.combine(decided, datetime.min.time())) == date_status(
        decided, date.today(), DEFAULT_VALIDITY_MONTHS, Window()
    )
    assert OCOP_VALID_UNTIL(datetime(2022, 8, 31)) == valid_until(date(2022, 8, 31), 36)


def test_the_vba_wrappers_declare_both_functions_with_their_arguments():
    declared = {
        s.name: s.arguments for s in signatures(wrapper_text(["ocop_xl.excel.udfs"], addin=True))
    }
    assert declared["OCOP_VALID_UNTIL"] == ("decision_date",)
    assert declared["OCOP_CERT_STATUS"] == ("decision_date", "Optional as_of")
