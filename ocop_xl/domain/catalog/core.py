"""Messages of the foundation: the master workbook, its configuration sheets, profiles."""

MESSAGES: dict[str, tuple[str, str]] = {
    "MASTER_NOT_FOUND": (
        "Không tìm thấy tệp tổng hợp {file}.",
        "The master workbook {file} does not exist.",
    ),
    "MASTER_UNREADABLE": (
        "Không đọc được tệp tổng hợp {file}: tệp hỏng hoặc không phải tệp Excel ({detail}).",
        "Cannot read the master workbook {file}: damaged or not an Excel file ({detail}).",
    ),
    "MASTER_LOCKED": (
        "Tệp {file} đang được mở trong Excel (có tệp khóa {lock}). "
        "Hãy đóng tệp trong Excel rồi chạy lại.",
        "{file} is open in Excel (lock file {lock}). Close it in Excel and run again.",
    ),
    "MASTER_READ_ONLY": (
        "Tệp {file} chỉ cho phép đọc, không ghi được. Hãy bỏ thuộc tính chỉ đọc rồi chạy lại.",
        "{file} is read-only and cannot be written. Clear the read-only flag and run again.",
    ),
    "MASTER_SAVE_FAILED": (
        "Không lưu được tệp {file} ({detail}). Tệp cũ vẫn được giữ nguyên.",
        "Could not save {file} ({detail}). The previous file is unchanged.",
    ),
    "OUTPUT_EXISTS": (
        "Tệp {file} đã có. Dùng tùy chọn --force để ghi đè (bản cũ được sao lưu).",
        "{file} already exists. Use --force to overwrite it (the old file is backed up).",
    ),
    "SHEET_MISSING": (
        "Tệp {file} thiếu trang tính “{sheet}”.",
        "{file} has no sheet '{sheet}'.",
    ),
    "TABLE_MISSING": (
        "Trang tính “{sheet}” không có bảng dữ liệu (dòng tiêu đề) như mẫu.",
        "Sheet '{sheet}' has no data table (header row) as laid out.",
    ),
    "COLUMN_MISSING": (
        "Trang tính “{sheet}” thiếu cột “{label}” ở dòng tiêu đề {row}.",
        "Sheet '{sheet}' lacks the column '{label}' in header row {row}.",
    ),
    "CONFIG_VALUE_INVALID": (
        "Giá trị “{value}” ở ô {cell} trang “{sheet}” không hợp lệ: {expected_vi}.",
        "Value '{value}' in cell {cell} of sheet '{sheet}' is invalid: {expected_en}.",
    ),
    "CONFIG_VALUE_REQUIRED": (
        "Ô {cell} trang “{sheet}” ({label}) không được để trống.",
        "Cell {cell} of sheet '{sheet}' ({label}) must not be blank.",
    ),
    "CONFIG_DUPLICATE_CODE": (
        "Mã “{value}” ở ô {cell} trang “{sheet}” bị trùng với ô {other_cell}.",
        "Code '{value}' in cell {cell} of sheet '{sheet}' repeats cell {other_cell}.",
    ),
    "CONFIG_UNKNOWN_REFERENCE": (
        "Mã “{value}” ở ô {cell} trang “{sheet}” không có trong trang “{target_sheet}”.",
        "Code '{value}' in cell {cell} of sheet '{sheet}' is not in sheet '{target_sheet}'.",
    ),
    "CONFIG_SETTING_MISSING": (
        "Trang “{sheet}” thiếu tham số “{label}” (mã {key}).",
        "Sheet '{sheet}' lacks the setting '{label}' (key {key}).",
    ),
    "CONFIG_INVALID": (
        "Cấu hình trong trang “{sheet}” không hợp lệ: {detail}.",
        "The configuration in sheet '{sheet}' is invalid: {detail}.",
    ),
    "CRITERIA_SET_UNKNOWN": (
        "Bộ tiêu chí “{value}” ở ô {cell} trang “{sheet}” không có. Các bộ có sẵn: {known}.",
        "Criteria set '{value}' in cell {cell} of sheet '{sheet}' is unknown. Known: {known}.",
    ),
    "CRITERIA_SET_NO_DATE": (
        "Không có bộ tiêu chí OCOP nào áp dụng cho ngày {date}. Các bộ có sẵn: {known}.",
        "No OCOP criteria set is in force on {date}. Known sets: {known}.",
    ),
    "PROFILE_UNKNOWN": (
        "Không có hồ sơ kế hoạch “{value}”. Các hồ sơ có sẵn: {known}.",
        "No plan profile '{value}'. Known profiles: {known}.",
    ),
    "PROFILE_INVALID": (
        "Hồ sơ kế hoạch {file} không hợp lệ: {detail}.",
        "Plan profile {file} is invalid: {detail}.",
    ),
    "SOURCE_NOT_FOUND": (
        "Không tìm thấy tệp hoặc thư mục {file}.",
        "File or folder {file} does not exist.",
    ),
    "LIBREOFFICE_MISSING": (
        "Không tìm thấy LibreOffice trên máy này nên không tạo được tệp PDF. "
        "Hãy cài LibreOffice (https://vi.libreoffice.org) rồi chạy lại.",
        "LibreOffice is not installed, so no PDF can be made. Install LibreOffice and run again.",
    ),
    "PICTURES_TOOL_MISSING": (
        "Không tìm thấy chương trình {tool} trên máy này nên không tạo được hình ảnh.",
        "{tool} is not installed, so no pictures can be made.",
    ),
    "LIBREOFFICE_FAILED": (
        "LibreOffice không chuyển được tệp {file} ({detail}).",
        "LibreOffice could not convert {file} ({detail}).",
    ),
}
