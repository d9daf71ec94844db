"""Messages about the master's own sheets as the staff keep them: formulas, rows typed
around the tables, columns renamed, cells merged, what the program kept or moved aside."""

MESSAGES: dict[str, tuple[str, str]] = {
    "MASTER_FORMULA_NO_VALUE": (
        "Ô {cell} trang “{sheet}” chứa công thức chưa có giá trị đã lưu ({formula}) và "
        "chương trình không tính được: ô này được coi là trống. Hãy mở tệp bằng Excel, "
        "lưu lại rồi chạy lại.",
        "Cell {cell} of sheet '{sheet}' holds a formula with no saved value ({formula}) that "
        "the program cannot compute: it counts as blank. Open the file in Excel, save it and "
        "run again.",
    ),
    "MASTER_FORMULA_STALE": (
        "Ô {cell} trang “{sheet}” chứa công thức ({formula}) đọc các ô vừa được ghi lại; "
        "chương trình không tính lại được nên giữ giá trị cũ. Mở tệp bằng Excel để tính lại.",
        "Cell {cell} of sheet '{sheet}' holds a formula ({formula}) that reads cells just "
        "rewritten; the program cannot recompute it and keeps the old value. Open the file in "
        "Excel to recalculate.",
    ),
    "MASTER_FORMULA_KEPT": (
        "Ô {cell} trang “{sheet}” có công thức của văn phòng ({formula}, giá trị {shown}); "
        "chương trình giữ nguyên công thức, không ghi giá trị “{value}” vào ô này.",
        "Cell {cell} of sheet '{sheet}' holds the office's formula ({formula}, value {shown}); "
        "the program keeps it and does not write '{value}' there.",
    ),
    "TABLE_ROWS_OUTSIDE": (
        "Dòng {rows} trang “{sheet}” (ô {cell}: “{text}”) nằm dưới bảng, sau dòng trống: "
        "chương trình không đọc và không ghi vào đó. Nếu đây là dữ liệu của bảng, hãy xóa "
        "dòng trống ở giữa.",
        "Rows {rows} of sheet '{sheet}' (cell {cell}: '{text}') are below the table after a "
        "blank row: the program neither reads nor writes them. If they belong to the table, "
        "delete the blank row in between.",
    ),
    "TABLE_TOTAL_ROW": (
        "Dòng {rows} trang “{sheet}” (ô {cell}: “{text}”) là dòng tổng cộng, không phải dữ "
        "liệu: chương trình bỏ qua và không ghi vào dòng này. Nên dùng Hàng tổng của bảng "
        "(Thiết kế bảng › Hàng tổng) để dòng tổng tự dời xuống khi bảng thêm dòng.",
        "Rows {rows} of sheet '{sheet}' (cell {cell}: '{text}') are a total, not data: the "
        "program skips them and never writes there. Excel's own Total Row (Table Design › "
        "Total Row) moves down by itself when the table grows.",
    ),
    "TABLE_NO_ROOM": (
        "Bảng ở trang “{sheet}” cần thêm chỗ đến ô {cell}, nhưng ô {cell} đã có nội dung của "
        "văn phòng (“{text}”). Hãy dời nội dung đó đi chỗ khác, hoặc chèn thêm dòng (cột) "
        "trống, rồi chạy lại. Chưa có gì được ghi vào tệp.",
        "The table on sheet '{sheet}' needs room down to cell {cell}, but {cell} holds the "
        "office's content ('{text}'). Move it elsewhere or insert blank rows (columns), then "
        "run again. Nothing was written.",
    ),
    "TABLE_MERGED_CELLS": (
        "Bảng ở trang “{sheet}” có các ô gộp {range}. Hãy bỏ gộp ô (Trang đầu › Gộp & Căn "
        "giữa) rồi chạy lại. Chưa có gì được ghi vào tệp.",
        "The table on sheet '{sheet}' has merged cells {range}. Unmerge them (Home › Merge & "
        "Center) and run again. Nothing was written.",
    ),
    "COLUMN_RENAMED": (
        "Trang “{sheet}” không còn cột “{label}” ở dòng tiêu đề ({cells}); có cột “{other}” "
        "ở ô {other_cell}: nếu đó là cột “{label}” đã bị đổi tên, hãy đặt lại đúng tên "
        "“{label}” rồi chạy lại.",
        "Sheet '{sheet}' no longer has the column '{label}' in its header row ({cells}); "
        "there is a column '{other}' in cell {other_cell}: if that is '{label}' renamed, "
        "give it back the name '{label}' and run again.",
    ),
    "ROWS_ARCHIVED": (
        "{count} ô văn phòng đã nhập ở các dòng không còn trong bảng trang “{sheet}” "
        "(lần đầu: ô {first}) được chuyển sang trang “{archive}”, không bị mất.",
        "{count} cells the office typed in rows no longer in the table on sheet '{sheet}' "
        "(first: cell {first}) were moved to sheet '{archive}', not lost.",
    ),
    "DOCUMENT_CELLS_ARCHIVED": (
        "Trang “{sheet}” được tạo lại: {count} ô văn phòng đã nhập (công thức, ghi chú; lần "
        "đầu: ô {first}) được chuyển sang trang “{archive}”.",
        "Sheet '{sheet}' was made again: {count} cells the office typed (formulas, notes; "
        "first: cell {first}) were moved to sheet '{archive}'.",
    ),
}
