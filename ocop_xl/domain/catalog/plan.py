"""Messages for the plan (task matrix, progress, documents)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the task matrix (Nhiệm vụ, Phòng ban) ---------------------------------------------
    "TASK_LEAD_MISSING": (
        "Nhiệm vụ “{task}” chưa có đơn vị chủ trì (ô {cell} trang “{sheet}”): "
        "ghi mã của đúng một phòng ban.",
        "Task '{task}' has no lead department (cell {cell} of sheet '{sheet}'): "
        "write the code of exactly one department.",
    ),
    "TASK_LEAD_SEVERAL": (
        "Nhiệm vụ “{task}” có {count} đơn vị chủ trì ({value}) ở ô {cell} trang “{sheet}”: "
        "mỗi nhiệm vụ chỉ có đúng một đơn vị chủ trì, các đơn vị khác ghi vào cột Phối hợp.",
        "Task '{task}' has {count} lead departments ({value}) in cell {cell} of sheet "
        "'{sheet}': a task has exactly one lead; put the others under coordinators.",
    ),
    "TASK_DEPARTMENT_IDLE": (
        "Phòng ban “{value}” (ô {cell} trang “{sheet}”) không chủ trì hay phối hợp nhiệm vụ "
        "nào trong trang “{target_sheet}”.",
        "Department '{value}' (cell {cell} of sheet '{sheet}') neither leads nor coordinates "
        "any task in sheet '{target_sheet}'.",
    ),
    "TASK_LEAD_ALSO_COORDINATES": (
        "Phòng ban “{value}” vừa chủ trì vừa phối hợp nhiệm vụ “{task}” (ô {cell} trang "
        "“{sheet}”): bỏ mã này khỏi cột Phối hợp.",
        "Department '{value}' both leads and coordinates task '{task}' (cell {cell} of sheet "
        "'{sheet}'): remove it from the coordinators.",
    ),
    "TASKS_NOT_WRITTEN": (
        "Chưa lập bảng phân công và tệp gửi các phòng ban: sửa các lỗi cấu hình ở trên rồi "
        "chạy lại.",
        "The task matrix and the department files were not written: fix the configuration "
        "errors above and run again.",
    ),
    # -- targets and progress (Chỉ tiêu, Kết quả, Kinh phí, Hoạt động) ---------------------
    "TARGET_RULE_UNKNOWN": (
        "Cách tính “{value}” của chỉ tiêu “{target}” (ô {cell} trang “{sheet}”) không có. "
        "Các cách tính: {known}.",
        "Rule '{value}' of target '{target}' (cell {cell} of sheet '{sheet}') does not "
        "exist. Known rules: {known}.",
    ),
    "TARGET_PARAMS_INVALID": (
        "Tham số “{value}” của chỉ tiêu “{target}” (cách tính {rule}, ô {cell} trang "
        "“{sheet}”) không hợp lệ: cần {expected_vi}.",
        "Parameters '{value}' of target '{target}' (rule {rule}, cell {cell} of sheet "
        "'{sheet}') are invalid: expected {expected_en}.",
    ),
    "PROGRESS_ROW_SKIPPED": (
        "Giá trị “{value}” ở ô {cell} trang “{sheet}” không đọc được: {expected_vi}. "
        "Dòng {row} không được tính vào tiến độ.",
        "Value '{value}' in cell {cell} of sheet '{sheet}' cannot be read: {expected_en}. "
        "Row {row} is left out of the progress.",
    ),
    "ACTIVITY_KIND_UNKNOWN": (
        "Loại hoạt động “{value}” ở ô {cell} trang “{sheet}” không có trong trang "
        "“{target_sheet}”: dòng {row} không được tính.",
        "Activity kind '{value}' in cell {cell} of sheet '{sheet}' is not in sheet "
        "'{target_sheet}': row {row} is not counted.",
    ),
    "ACTIVITY_DATE_MISSING": (
        "Hoạt động ở dòng {row} trang “{sheet}” chưa ghi ngày thực hiện (ô {cell}).",
        "The activity in row {row} of sheet '{sheet}' has no date (cell {cell}).",
    ),
    "ACTIVITY_OUTSIDE_YEAR": (
        "Ngày {value} ở ô {cell} trang “{sheet}” không thuộc năm kế hoạch {year}: "
        "hoạt động này không được tính.",
        "Date {value} in cell {cell} of sheet '{sheet}' is outside the plan year {year}: "
        "the activity is not counted.",
    ),
    "ACTIVITY_IN_FUTURE": (
        "Ngày {value} ở ô {cell} trang “{sheet}” chưa đến: hoạt động chưa được tính là "
        "đã thực hiện.",
        "Date {value} in cell {cell} of sheet '{sheet}' is still to come: the activity is "
        "not counted as done yet.",
    ),
    # -- documents ------------------------------------------------------------------------
    "DOCUMENT_EXPORT_UNSUPPORTED": (
        "Không xuất được các văn bản của bảng tính {file} ra tệp riêng: bảng tính được mở "
        "theo cách không lưu được bản sao.",
        "Cannot export the documents of workbook {file} to their own files: it is open in a "
        "way that cannot save a copy of it.",
    ),
}
