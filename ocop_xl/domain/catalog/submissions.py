"""Messages for commune submissions (template, consolidate, returns).

Row findings name their cell ({cell}); the file and sheet are in the finding's location
(their own columns on the Kiểm tra sheet and in the JSON report)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- a source file as a whole ----------------------------------------------------------
    "NO_SOURCES": (
        "Không có tệp hồ sơ nào (.xlsx, .xlsm, .xls, .ods) trong {file}.",
        "No submission file (.xlsx, .xlsm, .xls, .ods) in {file}.",
    ),
    "FILE_UNREADABLE": (
        "Không đọc được tệp {file}: tệp bị hỏng hoặc không phải bảng tính Excel ({detail}). "
        "Đề nghị xã gửi lại tệp.",
        "Cannot read {file}: the file is damaged or not an Excel workbook ({detail}). "
        "Ask the commune to send it again.",
    ),
    "FILE_NOT_SPREADSHEET": (
        "Tệp {file} không phải bảng tính Excel hay LibreOffice (.xlsx, .xlsm, .xls, .ods).",
        "{file} is not an Excel or LibreOffice spreadsheet (.xlsx, .xlsm, .xls, .ods).",
    ),
    "FILE_ENCRYPTED": (
        "Tệp {file} được đặt mật khẩu nên không đọc được. Đề nghị xã bỏ mật khẩu "
        "(Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa mật khẩu) rồi gửi lại.",
        "{file} is password-protected and cannot be read. Ask the commune to remove the "
        "password (File > Info > Protect Workbook > Encrypt with Password) and send it again.",
    ),
    "FILE_EMPTY": (
        "Tệp {file} không có dữ liệu (tệp rỗng hoặc không có trang tính nào có nội dung).",
        "{file} holds no data (an empty file or no sheet with content).",
    ),
    "FILE_TOO_LARGE": (
        "Tệp {file} quá lớn ({size_mb} MB, tối đa {limit_mb} MB) so với một hồ sơ đăng ký: "
        "không đọc.",
        "{file} is far too large for a submission ({size_mb} MB, at most {limit_mb} MB): not read.",
    ),
    "FILE_INFLATES_TOO_LARGE": (
        "Tệp {file} khi giải nén vượt quá {limit_mb} MB (tệp bất thường, có thể là tệp "
        "“bom nén”): không đọc.",
        "{file} would inflate past {limit_mb} MB (an abnormal file, possibly a zip bomb): "
        "not read.",
    ),
    "FILE_IS_MASTER": (
        "Tệp {file} là tệp tổng hợp của huyện, không phải hồ sơ đăng ký của xã: bỏ qua.",
        "{file} is a district master workbook, not a commune submission: skipped.",
    ),
    "FILE_OTHER_TEMPLATE": (
        "Tệp {file} là mẫu “{template}”, không phải mẫu đăng ký sản phẩm OCOP: bỏ qua.",
        "{file} is a '{template}' form, not the OCOP product registration form: skipped.",
    ),
    "FILE_NO_PRODUCTS": (
        "Tệp {file} chưa có sản phẩm nào (bảng đăng ký để trống): xã không đăng ký sản phẩm; "
        "các sản phẩm trước đây của xã được bỏ khỏi danh sách.",
        "{file} lists no product (the registration table is blank): the commune registers "
        "nothing; its earlier products are removed from the list.",
    ),
    "SHEET_NOT_FOUND": (
        "Tệp {file} không có trang đăng ký sản phẩm (các trang có: {sheets}).",
        "{file} has no product registration sheet (its sheets: {sheets}).",
    ),
    "HEADER_NOT_FOUND": (
        "Trang “{sheet}” tệp {file} không có dòng tiêu đề của mẫu đăng ký "
        "(cần ít nhất các cột {required}).",
        "Sheet '{sheet}' of {file} has no header row of the registration form "
        "(at least the columns {required} are needed).",
    ),
    "HEADER_MATCHED": (
        "Cột {column} có tiêu đề “{found}”, được hiểu là cột “{expected}” của mẫu.",
        "Column {column} is headed '{found}', read as the form's column '{expected}'.",
    ),
    "EXTRA_COLUMN": (
        "Cột {column} “{header}” không có trong mẫu: dữ liệu không đưa vào danh sách, "
        "được giữ trong báo cáo JSON.",
        "Column {column} '{header}' is not in the form: its data is not consolidated, "
        "it is kept in the JSON report.",
    ),
    "SUBMISSION_COLUMN_MISSING": (
        "Thiếu cột “{label}” (bắt buộc) trong trang “{sheet}”.",
        "The required column '{label}' is missing from sheet '{sheet}'.",
    ),
    "TEMPLATE_META_MISSING": (
        "Tệp {file} không có trang thông tin của mẫu (có thể không làm từ mẫu của huyện): "
        "đọc theo tiêu đề cột.",
        "{file} has no template information sheet (perhaps not made from the district's "
        "form): read by its column headers.",
    ),
    "TEMPLATE_VERSION_UNKNOWN": (
        "Tệp {file} làm từ mẫu phiên bản “{version}”, chương trình chỉ biết phiên bản {known}: "
        "đọc theo tiêu đề cột, đề nghị xã dùng mẫu mới.",
        "{file} is made from template version '{version}'; known versions: {known}. "
        "Read by its column headers; the commune should use the current form.",
    ),
    "TEMPLATE_OTHER_PLAN": (
        "Tệp {file} làm từ mẫu của kế hoạch {profile} năm {year}, không phải kế hoạch "
        "{expected_profile} năm {expected_year}.",
        "{file} is made from the form of plan {profile}, year {year}, not plan "
        "{expected_profile}, year {expected_year}.",
    ),
    "COMMUNE_UNKNOWN": (
        "Mã xã “{value}” ghi trong tệp {file} không có trong Danh mục xã của kế hoạch.",
        "The commune code '{value}' recorded in {file} is not in the plan's commune list.",
    ),
    "COMMUNE_MISSING": (
        "Không xác định được tệp {file} là của xã nào (không có thông tin mẫu, cột xã không "
        "ghi một xã có trong danh mục): không đưa vào danh sách.",
        "Cannot tell which commune {file} belongs to (no template information, the commune "
        "column names no listed commune): not consolidated.",
    ),
    "COMMUNE_FILE_TWICE": (
        "Xã {commune} có nhiều tệp hồ sơ: dùng tệp mới nhất {used} (sửa lúc {modified}), "
        "bỏ qua tệp {file}.",
        "Commune {commune} sent several files: the newest, {used} (changed {modified}), "
        "is used and {file} is set aside.",
    ),
    "BLANK_ROWS": (
        "Dòng {rows} để trống giữa bảng; các dòng sau vẫn được đọc.",
        "Blank row(s) {rows} inside the table; the rows after them are still read.",
    ),
    # -- fields of a row -------------------------------------------------------------------
    "REQUIRED_MISSING": (
        "Ô {cell}: chưa nhập {label} (bắt buộc).",
        "Cell {cell}: {label} is required.",
    ),
    "PRODUCT_NAME_MISSING": (
        "Ô {cell}: chưa nhập {label}; dòng này không được đưa vào danh sách.",
        "Cell {cell}: {label} is missing; this row is not consolidated.",
    ),
    "FORMULA_NO_VALUE": (
        "Ô {cell} ({label}) chứa công thức chưa có giá trị đã lưu (tệp được ghi bằng một "
        "chương trình không tính công thức) nên đọc như ô trống: mở tệp bằng Excel, lưu lại "
        "rồi gửi lại.",
        "Cell {cell} ({label}) holds a formula whose value was never saved (the file was "
        "written by a program that does not calculate), so it reads as empty: open the file "
        "in Excel, save it and send it again.",
    ),
    "PRODUCT_NAME_FORMULA_NO_VALUE": (
        "Ô {cell} ({label}) chứa công thức chưa có giá trị đã lưu (tệp được ghi bằng một "
        "chương trình không tính công thức) nên không đọc được tên sản phẩm; dòng này không "
        "được đưa vào danh sách: mở tệp bằng Excel, lưu lại rồi gửi lại.",
        "Cell {cell} ({label}) holds a formula whose value was never saved (the file was "
        "written by a program that does not calculate), so the product name cannot be read; "
        "this row is not consolidated: open the file in Excel, save it and send it again.",
    ),
    "TEXT_TOO_LONG": (
        "Ô {cell} ({label}) dài {length} ký tự, quá giới hạn {limit} ký tự của một ô Excel: "
        "danh sách chỉ giữ phần đầu, kết thúc bằng dấu “…”. Đề nghị xã rút gọn nội dung ô "
        "này rồi gửi lại.",
        "Cell {cell} ({label}) holds {length} characters, more than the {limit} an Excel cell "
        "can hold: the list keeps only its beginning, ending in '…'. Ask the commune to "
        "shorten this cell and send the file again.",
    ),
    "VALUE_INVALID": (
        "Ô {cell} ({label}): giá trị “{value}” không hợp lệ, {expected_vi}.",
        "Cell {cell} ({label}): '{value}' is invalid, {expected_en}.",
    ),
    "VALUE_NOT_IN_LIST": (
        "Ô {cell} ({label}): “{value}” không có trong danh sách chọn ({choices}).",
        "Cell {cell} ({label}): '{value}' is not one of the choices ({choices}).",
    ),
    "COMMUNE_MISMATCH": (
        "Ô {cell}: dòng ghi xã “{value}” nhưng tệp là của xã {expected}.",
        "Cell {cell}: the row names commune '{value}' but the file belongs to {expected}.",
    ),
    "GROUP_UNKNOWN": (
        "Ô {cell}: nhóm sản phẩm “{value}” không có trong bộ tiêu chí {criteria_set}.",
        "Cell {cell}: product group '{value}' is not in criteria set {criteria_set}.",
    ),
    "GROUP_NOT_LEAF": (
        "Ô {cell}: “{value} - {name}” là nhóm lớn; hãy chọn một phân nhóm cụ thể trong đó.",
        "Cell {cell}: '{value} - {name}' is a parent group; choose one of its sub-groups.",
    ),
    "TAX_ID_FORMAT": (
        "Ô {cell}: {label} “{value}” không đúng dạng với {producer_type}: cần {expected_vi}.",
        "Cell {cell}: {label} '{value}' is malformed for {producer_type}: {expected_en}.",
    ),
    "TAX_ID_REQUIRED": (
        "Ô {cell}: chưa nhập {label}, bắt buộc với {producer_type} ({expected_vi}).",
        "Cell {cell}: {label} is required for {producer_type} ({expected_en}).",
    ),
    "PHONE_FORMAT": (
        "Ô {cell}: số điện thoại “{value}” không đúng: cần số di động 10 chữ số bắt đầu bằng "
        "0 (ví dụ 0912 345 678) hoặc số cố định 11 chữ số gồm mã vùng (ví dụ 0220 3712 345).",
        "Cell {cell}: phone number '{value}' is malformed: a mobile number of 10 digits "
        "starting with 0 (e.g. 0912 345 678) or a landline of 11 digits with its area code "
        "(e.g. 0220 3712 345).",
    ),
    "REQUIRED_FOR_KIND": (
        "Ô {cell}: cần nhập {label} khi hình thức đăng ký là “{kind}”.",
        "Cell {cell}: {label} is required when the registration kind is '{kind}'.",
    ),
    "UPGRADE_FROM_MAX_STARS": (
        "Ô {cell}: sản phẩm đã đạt {stars} sao (hạng cao nhất) nên không thể nâng hạng sao.",
        "Cell {cell}: the product already has {stars} stars (the highest) and cannot be upgraded.",
    ),
    "STARS_NOT_EXPECTED": (
        "Ô {cell}: có số sao ({stars}) nhưng hình thức đăng ký là “{kind}”; kiểm tra lại "
        "hình thức đăng ký.",
        "Cell {cell}: stars are given ({stars}) but the registration kind is '{kind}'; check "
        "the kind.",
    ),
    "CERTIFICATE_DATE_FUTURE": (
        "Ô {cell}: ngày cấp giấy chứng nhận {value} ở tương lai.",
        "Cell {cell}: the certificate date {value} is in the future.",
    ),
    "CERTIFICATE_EXPIRED": (
        "Ô {cell}: giấy chứng nhận cấp ngày {value} đã hết hạn ngày {expiry} "
        "(hiệu lực {months} tháng).",
        "Cell {cell}: the certificate issued {value} expired on {expiry} (valid {months} months).",
    ),
    "SUPPORT_UNKNOWN": (
        "Ô {cell}: nội dung hỗ trợ “{unknown}” không có trong Danh mục hỗ trợ (các mã: {known}).",
        "Cell {cell}: support item '{unknown}' is not in the support catalog (codes: {known}).",
    ),
    "SUPPORT_NOT_PER_PRODUCT": (
        "Ô {cell}: “{item}” là hoạt động chung của kế hoạch, không hỗ trợ riêng cho từng "
        "sản phẩm: không ghi vào đề nghị của sản phẩm.",
        "Cell {cell}: '{item}' is a plan-wide activity, not support for one product: left "
        "out of the product's request.",
    ),
    "DUPLICATE_PRODUCT": (
        "Ô {cell}: sản phẩm “{name}” của {producer} trùng với {other}; "
        "dòng này không được đưa vào danh sách.",
        "Cell {cell}: product '{name}' of {producer} repeats {other}; this "
        "row is not consolidated.",
    ),
    "SIMILAR_PRODUCT": (
        "Ô {cell}: tên “{name}” gần giống sản phẩm “{other_name}” cùng chủ thể {producer} "
        "({other}); kiểm tra có phải một sản phẩm không.",
        "Cell {cell}: '{name}' looks like '{other_name}' of the same producer {producer} "
        "({other}); check whether they are one product.",
    ),
    # -- rows of Đăng ký typed by hand (domain.registrations) ------------------------------
    "REGISTRATION_COMMUNE_MISSING": (
        "Ô {cell} trang “{sheet}”: sản phẩm “{product}” chưa ghi xã, thị trấn nên chưa có "
        "mã sản phẩm, chưa được chấm điểm và lập kinh phí. Hãy ghi tên xã vào ô này.",
        "Cell {cell} of sheet '{sheet}': product '{product}' has no commune, so it has no ID "
        "and is left out of scoring and the budget. Write the commune's name in this cell.",
    ),
    "REGISTRATION_COMMUNE_UNKNOWN": (
        "Ô {cell} trang “{sheet}”: xã “{value}” của sản phẩm “{product}” không có trong "
        "trang Danh mục xã nên sản phẩm chưa có mã, chưa được chấm điểm và lập kinh phí.",
        "Cell {cell} of sheet '{sheet}': commune '{value}' of product '{product}' is not in "
        "the commune list, so the product has no ID and is left out of scoring and the budget.",
    ),
    "REGISTRATION_NAME_MISSING": (
        "Ô {cell} trang “{sheet}”: dòng có mã sản phẩm {product} nhưng chưa ghi tên sản phẩm.",
        "Cell {cell} of sheet '{sheet}': the row has product ID {product} but no product name.",
    ),
    "REGISTRATION_FIELD_MISSING": (
        "Ô {cell} trang “{sheet}”: sản phẩm “{product}” (nhập tay) chưa ghi {label}.",
        "Cell {cell} of sheet '{sheet}': product '{product}' (typed by hand) lacks {label}.",
    ),
    # -- template and returns --------------------------------------------------------------
    "COMMUNE_NOT_IN_PLAN": (
        "Không có xã mã “{value}” trong Danh mục xã. Các mã: {known}.",
        "No commune with code '{value}' in the commune list. Codes: {known}.",
    ),
    "TEMPLATE_KEPT_FILLED": (
        "Tệp {file} đã có và chứa dữ liệu của xã: giữ nguyên, không ghi đè bằng mẫu trống.",
        "{file} exists and holds the commune's data: kept, not overwritten by a blank form.",
    ),
    "RETURN_SOURCE_MISSING": (
        "Không tìm thấy tệp {file} để gửi trả xã (tệp đã bị chuyển hoặc xóa).",
        "Cannot find {file} to return to the commune (moved or deleted).",
    ),
    "RETURN_SOURCE_CHANGED": (
        "Tệp {file} đã thay đổi sau lần tổng hợp gần nhất: hãy tổng hợp lại rồi mới gửi trả.",
        "{file} changed after the last consolidation: consolidate again before returning it.",
    ),
    "RETURN_UNREADABLE": (
        "Không tạo được bản gửi trả từ tệp {file} ({detail}).",
        "Could not make the returned copy of {file} ({detail}).",
    ),
}
