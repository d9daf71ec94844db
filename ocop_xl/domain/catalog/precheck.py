"""Messages for the commune pre-check read from the commune files (consolidate).

The checks of each content's value share the council's codes (``PRECHECK_BLANK``,
``PRECHECK_INVALID``, in ``council.py``): one rule, one wording, at the file's cell here
and at the master's cell when scoring."""

MESSAGES: dict[str, tuple[str, str]] = {
    "PRECHECK_NOT_FILLED": (
        "Ô {cell}: UBND xã chưa ghi kết quả đánh giá bốn nội dung của hồ sơ (phần dành cho "
        "UBND xã) cho sản phẩm “{product}”; khi chưa có kết quả này, sản phẩm chưa được chấm "
        "điểm ở cấp tỉnh. Đề nghị xã bổ sung, hoặc văn phòng ghi theo báo cáo của xã vào trang "
        "Kiểm tra của xã.",
        "Cell {cell}: the commune has not recorded its assessment of the dossier's four "
        "contents (the commune's part) for product '{product}'; without it the product is not "
        "scored at the province. Ask the commune to add it, or record the commune's report on "
        "the sheet Kiểm tra của xã.",
    ),
    "PRECHECK_COLUMNS_MISSING": (
        "Tệp {file} không có các cột đánh giá của UBND xã ({columns}): tệp làm theo mẫu cũ. "
        "Các sản phẩm của xã vẫn được tổng hợp; kết quả đánh giá của xã cần được ghi vào trang "
        "Kiểm tra của xã, hoặc gửi xã mẫu mới (Tạo mẫu cho xã).",
        "{file} has no columns for the commune's assessment ({columns}): it follows an older "
        "form. Its products are consolidated; record the commune's assessment on the sheet "
        "Kiểm tra của xã, or send the commune the new form (template).",
    ),
    "PRECHECK_NOT_IN_ROUTE": (
        "Tệp {file} có ghi kết quả đánh giá của UBND xã, nhưng quy trình đánh giá của kế hoạch "
        "({route}) không có bước xã kiểm tra hồ sơ: các kết quả này không được tổng hợp.",
        "{file} holds the commune's assessment, but the plan's evaluation route ({route}) has "
        "no commune pre-check: it is not consolidated.",
    ),
    "PRECHECK_KEPT_TYPED": (
        "Ô {cell}: trang Kiểm tra của xã đã có dòng do văn phòng ghi cho sản phẩm {product} "
        "(ô {master_cell}: {typed}), khác với tệp này ({found}). Dòng của văn phòng được giữ "
        "nguyên; muốn lấy kết quả trong tệp, hãy xóa dòng đó rồi tổng hợp lại.",
        "Cell {cell}: the sheet Kiểm tra của xã already has the office's row for product "
        "{product} (cell {master_cell}: {typed}), which differs from this file ({found}). The "
        "office's row is kept; to take the file's assessment, delete that row and consolidate "
        "again.",
    ),
    "PRECHECK_SHEET_MISSING": (
        "Tệp tổng hợp {master} chưa có trang Kiểm tra của xã (tệp làm trước khi có bước xã kiểm "
        "tra hồ sơ): kết quả đánh giá của xã trong các tệp chưa được ghi. Tạo tệp tổng hợp mới "
        "(new-master) rồi chép dữ liệu sang.",
        "The master {master} has no sheet Kiểm tra của xã (made before the commune pre-check "
        "existed): the communes' assessments in the files are not recorded. Make a new master "
        "(new-master) and copy the data over.",
    ),
}
