"""Messages for the support budget (tally, estimate)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "BUDGET_AMOUNT_INVALID": (
        "Ô {cell} trang “{sheet}” ({label}) ghi “{value}” không hợp lệ: {expected_vi}.",
        "Cell {cell} of sheet '{sheet}' ({label}) holds '{value}', which is invalid: "
        "{expected_en}.",
    ),
    "BUDGET_QUANTITY_INVALID": (
        "Ô {cell} trang “{sheet}” (số lượng) ghi “{value}” không hợp lệ: {expected_vi}.",
        "Cell {cell} of sheet '{sheet}' (quantity) holds '{value}', which is invalid: "
        "{expected_en}.",
    ),
    "BUDGET_AMOUNT_MISSING": (
        "Dòng {row} trang “{sheet}” chưa có thành tiền (ô {cell}): hãy ghi thành tiền, "
        "hoặc số lượng và đơn giá.",
        "Row {row} of sheet '{sheet}' has no amount (cell {cell}): enter the amount, or the "
        "quantity and the unit cost.",
    ),
    "BUDGET_AMOUNT_MISMATCH": (
        "Ô {cell} trang “{sheet}”: thành tiền {amount} đồng khác số lượng × đơn giá "
        "= {expected} đồng.",
        "Cell {cell} of sheet '{sheet}': the amount {amount} đồng differs from quantity × "
        "unit cost = {expected} đồng.",
    ),
    "BUDGET_ITEM_MISSING": (
        "Dòng {row} trang “{sheet}” chưa ghi mã nội dung hỗ trợ (ô {cell}).",
        "Row {row} of sheet '{sheet}' has no support item code (cell {cell}).",
    ),
    "BUDGET_ITEM_UNKNOWN": (
        "Mã nội dung hỗ trợ “{value}” ở ô {cell} trang “{sheet}” không có trong trang "
        "“{target_sheet}”.",
        "Support item code '{value}' in cell {cell} of sheet '{sheet}' is not in sheet "
        "'{target_sheet}'.",
    ),
    "BUDGET_SOURCE_UNKNOWN": (
        "Cột “{value}” (ô {cell}) trang “{sheet}” không phải mã nguồn vốn nào trong trang "
        "“{target_sheet}” (các mã nguồn: {known}); số tiền trong cột này không được tính.",
        "Column '{value}' (cell {cell}) of sheet '{sheet}' is not a funding source code of "
        "sheet '{target_sheet}' (codes: {known}); its amounts are not counted.",
    ),
    "BUDGET_SOURCE_COLUMN_RENAMED": (
        "Trang “{sheet}” không có cột nguồn vốn {codes} ở dòng tiêu đề; cột “{value}” (ô "
        "{cell}) có số tiền nhưng không phải mã nguồn vốn nào. Nếu đó là cột {codes} đã bị "
        "đổi tên, hãy đặt lại đúng tên rồi chạy lại. Chưa có gì được ghi vào tệp.",
        "Sheet '{sheet}' has no column for funding source {codes} in its header row; column "
        "'{value}' (cell {cell}) holds amounts but names no funding source. If it is {codes} "
        "renamed, give it back its name and run again. Nothing was written.",
    ),
    "BUDGET_SOURCE_OVER": (
        "Nguồn “{source}” ({name}) đã phân bổ {allocated} đồng, vượt số bố trí {available} "
        "đồng (ô {cell} trang “{sheet}”) là {excess} đồng.",
        "Source '{source}' ({name}) has {allocated} đồng allocated, {excess} đồng above the "
        "{available} đồng available (cell {cell} of sheet '{sheet}').",
    ),
    "BUDGET_SOURCE_WARNING": (
        "Nguồn “{source}” ({name}) đã phân bổ {allocated} đồng, bằng {percent} số bố trí "
        "{available} đồng, vượt ngưỡng cảnh báo {threshold}% (ô {cell} trang “{sheet}”).",
        "Source '{source}' ({name}) has {allocated} đồng allocated, {percent} of the "
        "{available} đồng available, above the warning threshold of {threshold}% "
        "(cell {cell} of sheet '{sheet}').",
    ),
    "BUDGET_LINE_UNDERFUNDED": (
        "Dòng {row} trang “{sheet}”: các nguồn mới bố trí {allocated} đồng, còn thiếu "
        "{difference} đồng so với thành tiền {amount} đồng (ô {cell}).",
        "Row {row} of sheet '{sheet}': the sources fund {allocated} đồng, {difference} đồng "
        "short of the amount of {amount} đồng (cell {cell}).",
    ),
    "BUDGET_LINE_OVERFUNDED": (
        "Dòng {row} trang “{sheet}”: các nguồn bố trí {allocated} đồng, vượt thành tiền "
        "{amount} đồng (ô {cell}) là {difference} đồng.",
        "Row {row} of sheet '{sheet}': the sources fund {allocated} đồng, {difference} đồng "
        "more than the amount of {amount} đồng (cell {cell}).",
    ),
    "BUDGET_SOURCE_NOT_ELIGIBLE": (
        "Ô {cell} trang “{sheet}”: nguồn “{source}” không được dùng cho nội dung “{item}” "
        "({item_name}); nguồn được dùng: {eligible}.",
        "Cell {cell} of sheet '{sheet}': source '{source}' may not fund item '{item}' "
        "({item_name}); eligible sources: {eligible}.",
    ),
    "BUDGET_CAP_EXCEEDED": (
        "Ô {cell} trang “{sheet}”: thành tiền {amount} đồng vượt mức tối đa {cap} đồng/sản "
        "phẩm của nội dung “{item}” là {excess} đồng.",
        "Cell {cell} of sheet '{sheet}': the amount {amount} đồng is {excess} đồng above the "
        "cap of {cap} đồng per product for item '{item}'.",
    ),
    "BUDGET_DOUBLE_FUNDING": (
        "Dòng {row} trang “{sheet}”: sản phẩm “{product}” đã được bố trí nội dung “{item}” ở "
        "dòng {other_row}; mỗi nội dung chỉ hỗ trợ một lần cho một sản phẩm (ô {cell}).",
        "Row {row} of sheet '{sheet}': product '{product}' already has item '{item}' on row "
        "{other_row}; an item funds a product once (cell {cell}).",
    ),
    "BUDGET_PRODUCT_UNKNOWN": (
        "Mã sản phẩm “{value}” ở ô {cell} trang “{sheet}” không có trong danh sách đăng ký "
        "(trang “{target_sheet}”).",
        "Product ID '{value}' in cell {cell} of sheet '{sheet}' is not in the list of "
        "registrations (sheet '{target_sheet}').",
    ),
    "BUDGET_PRODUCT_MISSING": (
        "Dòng {row} trang “{sheet}”: nội dung “{item}” hỗ trợ theo từng sản phẩm nhưng chưa "
        "ghi mã sản phẩm (ô {cell}).",
        "Row {row} of sheet '{sheet}': item '{item}' is given per product but the product "
        "ID is blank (cell {cell}).",
    ),
    "BUDGET_PRODUCT_PLAN_WIDE": (
        "Ô {cell} trang “{sheet}”: nội dung “{item}” hỗ trợ theo từng sản phẩm nhưng dòng "
        "ghi “hoạt động chung”, nên không kiểm tra được mức tối đa/sản phẩm.",
        "Cell {cell} of sheet '{sheet}': item '{item}' is given per product but the line "
        "says plan-wide ('hoạt động chung'), so its cap per product cannot be checked.",
    ),
    "BUDGET_COMMUNE_UNKNOWN": (
        "Mã xã “{value}” ở ô {cell} trang “{sheet}” không có trong trang “{target_sheet}”.",
        "Commune code '{value}' in cell {cell} of sheet '{sheet}' is not in sheet "
        "'{target_sheet}'.",
    ),
    "BUDGET_COMMUNE_MISMATCH": (
        "Ô {cell} trang “{sheet}”: mã xã “{value}” khác xã “{expected}” của sản phẩm "
        "“{product}” trong danh sách đăng ký.",
        "Cell {cell} of sheet '{sheet}': commune '{value}' differs from commune '{expected}' "
        "of product '{product}' in the registrations.",
    ),
    "BUDGET_PREFILL_ITEM_UNKNOWN": (
        "Ô {cell} trang “{sheet}”: nội dung đề nghị hỗ trợ “{value}” của sản phẩm "
        "“{product}” không có trong trang “{target_sheet}”, nên không tạo dòng kinh phí.",
        "Cell {cell} of sheet '{sheet}': requested support '{value}' of product '{product}' "
        "is not in sheet '{target_sheet}', so no budget line was added.",
    ),
}
